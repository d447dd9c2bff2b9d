using System.Net;

namespace Regions.Client;

/// <summary>The server refused a request; <see cref="Exception.Message"/> is its explanation.</summary>
public sealed class RegionsApiException(HttpStatusCode status, string message, string? code = null) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The problem's code (see <see cref="Problem.Code"/>), when the server gave one.</summary>
    public string? Code { get; } = code;
}
