using Orleans.Runtime;

namespace Regions.Cluster.Hosting;

/// <summary>
/// What a silo does when Orleans declares it dead (the cluster could not reach it, or another silo took its
/// address): say so in one line and exit with code 1, rather than Orleans' default fail-fast with a core dump.
/// Its cells are already being run again elsewhere.
/// </summary>
internal sealed class SiloFatalErrors : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => exception is not OperationCanceledException;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        var reason = (context ?? exception?.Message ?? "unknown reason").ReplaceLineEndings(" ");
        if (reason.Length > 300) reason = reason[..300] + "...";
        Console.Error.WriteLine($"regions: silo stopped by the cluster: {reason}");
        // Exit on a thread of its own: the host's shutdown may need the thread that reported the error.
        new Thread(() => Environment.Exit(1)) { IsBackground = false }.Start();
    }
}
