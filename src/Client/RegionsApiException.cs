using System.Net;

namespace Regions.Client;

/// <summary>The server refused a request; <see cref="Exception.Message"/> is its explanation.</summary>
public sealed class RegionsApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
