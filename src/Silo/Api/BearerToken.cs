using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Regions.Silo.Api;

/// <summary>Requires <c>Authorization: Bearer TOKEN</c> on every request, compared in constant time.</summary>
internal static class BearerToken
{
    public static Func<HttpContext, RequestDelegate, Task> Require(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(header["Bearer ".Length..]) : [];
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new Regions.Client.Problem("Unauthorized", 401, "a valid bearer token is required"), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
                return;
            }
            await next(context);
        };
    }
}
