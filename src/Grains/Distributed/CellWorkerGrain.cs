using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// Runs cells on this silo: the very same <see cref="Cells.CellWorker"/> as the embedded runner, then the
/// cell's result recorded in the store (waiting out an unreachable database) before every shard gets its
/// block. Reentrant: many cells are in flight, and <see cref="SiloWork.Gate"/> bounds those computing.
/// </summary>
[Reentrant, PlacedBy<SiloPinnedPlacement>]
internal sealed class CellWorkerGrain(SiloWork work, IJobStore store, ILogger<CellWorkerGrain> log) : Grain, ICellWorkerGrain
{
    public Task<int> Threads() => Task.FromResult(work.Threads);

    public async Task<CellOutcome> Run(JobSpec job, int cell)
    {
        SiloWork.JobWork? jobWork;
        try
        {
            jobWork = work.For(job);
        }
        catch (Exception e)
        {
            // The stored job itself cannot be read back: a failure of the cell, not of the silo (which would requeue it forever).
            return Failure(job, cell, e);
        }
        if (jobWork is null) return CellOutcome.Stopped;
        Cells.CellPatterns patterns;
        try
        {
            await work.Gate.WaitAsync(jobWork.Stop.Token);
        }
        catch (OperationCanceledException)
        {
            return CellOutcome.Stopped;
        }
        try
        {
            // On a thread of its own: a cell computes for seconds, and on the thread pool it would starve the silo's
            // messaging and grain scheduling (two busy cells took both pool threads of a 2-core machine: 3x slower).
            patterns = await Task.Factory.StartNew(() => jobWork.Execute(cell), jobWork.Stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (jobWork.Stop.IsCancellationRequested)
        {
            log.LogInformation("cell {Cell} of {Job} stopped: the job ended", cell, job);
            return CellOutcome.Stopped;
        }
        catch (Exception e)
        {
            return Failure(job, cell, e);
        }
        finally
        {
            work.Gate.Release();
        }

        var blocks = FingerprintBlock.Partition(patterns.Hits, job.Shards, withHits: !job.IsExact);
        byte[]? merges = null;
        if (patterns.Merges.Count > 0)
        {
            var pairs = new UInt128[patterns.Merges.Count * 2];
            for (var i = 0; i < patterns.Merges.Count; i++) (pairs[2 * i], pairs[2 * i + 1]) = (patterns.Merges[i].A, patterns.Merges[i].B);
            merges = FingerprintBlock.Of(pairs);
        }
        await Durably(() => store.RecordCellAsync(new CellRecord(job.Id, cell, patterns.Points, blocks, merges)), jobWork.Stop.Token);
        var deliveries = new Task[blocks.Length];
        for (var shard = 0; shard < blocks.Length; shard++)
            deliveries[shard] = GrainFactory.GetGrain<IPatternShardGrain>(job.Id, shard.ToString(System.Globalization.CultureInfo.InvariantCulture)).Merge(cell, blocks[shard]);
        await Task.WhenAll(deliveries);
        return new CellOutcome(CellOutcomeKind.Done, patterns.Points);
    }

    private CellOutcome Failure(JobSpec job, int cell, Exception e)
    {
        log.LogWarning("cell {Cell} of {Job} failed: {Message}", cell, job, e.Message);
        return new CellOutcome(Cells.CellFailures.IsRefusal(e) ? CellOutcomeKind.Refused : CellOutcomeKind.Failed, 0, e.Message);
    }

    public Task Stop(long job)
    {
        // Logged whether or not a cell of the job is computing here at this moment: a silo between two cells stops too.
        if (work.Stop(job)) log.LogInformation("job {Job} stopped on this silo: its cells end", job);
        return Task.CompletedTask;
    }

    /// <summary>Retries a store write while the store is unreachable (a restarting database): the computed cell is not lost.</summary>
    private async Task Durably(Func<Task> write, CancellationToken stop)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        var warned = false;
        while (true)
        {
            try
            {
                await write();
                if (warned) log.LogWarning("database reachable again");
                return;
            }
            catch (Exception e) when (store.IsUnavailable(e) && !stop.IsCancellationRequested)
            {
                if (!warned) log.LogWarning("database unreachable ({Message}); retrying", e.Message);
                warned = true;
                await Task.Delay(wait, stop);
                wait = TimeSpan.FromMilliseconds(Math.Min(5000, wait.TotalMilliseconds * 2));
            }
        }
    }
}
