using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// Keeps every open job's grain running: jobs submitted straight to the database, jobs whose grain was lost
/// with its silo, and all open jobs after a whole cluster restarted. Activating the grain is all it takes.
/// </summary>
internal sealed class OpenJobsWatcher(IJobStore store, IGrainFactory grains, ILogger<OpenJobsWatcher> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Every, stop);
                foreach (var id in await store.OpenJobsAsync(stop)) await grains.GetGrain<IJobGrain>(id).Resume();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database or the cluster is not there yet (starting, restarting): try again shortly.
                log.LogDebug("open jobs not resumed: {Message}", e.Message);
            }
        }
    }
}
