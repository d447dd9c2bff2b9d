namespace Regions.Silo.Api;

/// <summary>A request the API refuses, with the HTTP status and a message for the caller.</summary>
internal sealed class ApiError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
