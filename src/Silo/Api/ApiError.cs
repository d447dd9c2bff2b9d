namespace Regions.Silo.Api;

/// <summary>A request the API refuses with a status of its own (413, 404, 503...), and a message for the caller.</summary>
internal sealed class ApiError(int status, string message) : Regions.Kernel.InvalidRequestException(message)
{
    public int Status { get; } = status;
}
