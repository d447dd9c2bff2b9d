using Microsoft.AspNetCore.Http;

namespace Regions.Silo.Api;

/// <summary>
/// Work a request waits for (POST /count, POST /regions): run off the request thread, cancelled as soon as the client
/// disconnects; past serve's --sync-timeout, a 503 problem naming the limit and what to do instead.
/// </summary>
internal static class SyncLimit
{
    public static async Task<T> RunAsync<T>(Func<CancellationToken, T> work, TimeSpan limit, CancellationToken aborted, string noun, string instead)
    {
        using var timeout = new CancellationTokenSource(limit);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token);
        try
        {
            return await Task.Run(() => work(both.Token), both.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new ApiError(StatusCodes.Status503ServiceUnavailable,
                $"the {noun} was stopped after {limit.TotalSeconds:0.###} s, the limit of a synchronous {noun} (serve --sync-timeout); {instead}");
        }
    }
}
