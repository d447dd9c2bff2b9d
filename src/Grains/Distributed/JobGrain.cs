using Orleans.Concurrency;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// A job's conductor. On activation it reads the job and its recorded cells from the store (so a job whose
/// grain was lost with its silo, or a whole cluster restarted, picks up where it was), then keeps each active
/// silo's cell runner busy with up to twice its thread count of cells. A cell whose call fails (its silo died,
/// Orleans broke the call) goes back to the queue: cells are deterministic and recorded once, so running one
/// again is safe. A cell whose own computation fails is retried on other silos a bounded number of times,
/// then fails the job, or fails it at once when the cell refused its input (<see cref="Cells.CellFailures"/>). When every cell is done, the shards report and the count is stored.
/// </summary>
[Reentrant]
internal sealed class JobGrain(IJobStore store, IClusterMembershipService membership, ILogger<JobGrain> log) : Grain, IJobGrain
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RestAfterFault = TimeSpan.FromSeconds(2);

    private JobSpec? spec;
    private string state = "missing";
    private bool[] done = [];
    private int cellsDone;
    private long pointsDone;
    private long distinctSoFar;
    private readonly Queue<int> pending = new();
    private readonly Dictionary<SiloAddress, int> inFlight = new();
    private readonly Dictionary<SiloAddress, int> threads = new();
    private readonly Dictionary<SiloAddress, DateTime> resting = new();
    private readonly Dictionary<int, int> failures = new();
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long Id => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancel)
    {
        if (await store.LoadAsync(Id, cancel) is not { } stored) return;
        (spec, state) = stored;
        if (state != JobStatus.Open) return;
        if (spec.Shards == 0)
        {
            spec = spec with { Shards = ShardRouting.Choose(ActiveSilos().Count, spec.Points) };
            await store.SetShardsAsync(Id, spec.Shards, cancel);
        }
        done = new bool[spec.Cells];
        foreach (var (cell, points) in await store.RecordedCellsAsync(Id, cancel))
        {
            done[cell] = true;
            cellsDone++;
            pointsDone += points;
        }
        for (var cell = 0; cell < spec.Cells; cell++)
        {
            if (!done[cell]) pending.Enqueue(cell);
        }
        log.LogInformation("{Job}: {Done} of {Cells} cells already recorded", spec, cellsDone, spec.Cells);
        _ = Conduct();
    }

    public Task Resume() => Task.CompletedTask;

    public async Task<JobStatus?> Status()
    {
        var stored = await store.StatusAsync(Id);
        if (stored is null || stored.State != JobStatus.Open || state != JobStatus.Open) return stored;
        return stored with
        {
            CellsDone = cellsDone,
            PointsDone = pointsDone,
            DistinctSoFar = distinctSoFar,
            SilosWorking = inFlight.Count(s => s.Value > 0),
        };
    }

    public async Task<JobStatus?> Cancel()
    {
        if (spec is not null && await store.EndAsync(Id, JobStatus.Cancelled, null)) await StopEverywhere(JobStatus.Cancelled);
        return await store.StatusAsync(Id);
    }

    private async Task Conduct()
    {
        var lastReport = DateTime.MinValue;
        while (state == JobStatus.Open)
        {
            if (cellsDone == spec!.Cells)
            {
                await Finish();
                return;
            }
            Dispatch();
            await Task.WhenAny(wake.Task, Task.Delay(ReportEvery));
            if (wake.Task.IsCompleted) wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            DelayDeactivation(TimeSpan.FromMinutes(10));
            if (DateTime.UtcNow - lastReport >= ReportEvery && state == JobStatus.Open)
            {
                lastReport = DateTime.UtcNow;
                await Report();
            }
        }
    }

    /// <summary>Tops up every active silo that is not resting after a fault.</summary>
    private void Dispatch()
    {
        var now = DateTime.UtcNow;
        foreach (var silo in ActiveSilos())
        {
            if (resting.TryGetValue(silo, out var until) && until > now) continue;
            if (!threads.TryGetValue(silo, out var count))
            {
                // Zero until the silo answers: no cell goes to it before its runner is known to be there.
                threads[silo] = 0;
                _ = LearnThreads(silo);
                continue;
            }
            var running = inFlight.GetValueOrDefault(silo);
            while (running < 2 * count && pending.Count > 0 && state == JobStatus.Open)
            {
                _ = RunCell(silo, pending.Dequeue());
                running++;
            }
        }
    }

    private async Task LearnThreads(SiloAddress silo)
    {
        try
        {
            threads[silo] = await Worker(silo).Threads();
        }
        catch (Exception e)
        {
            log.LogInformation("silo {Silo} did not answer ({Message})", silo, e.Message);
            threads.Remove(silo);
            resting[silo] = DateTime.UtcNow + RestAfterFault;
        }
        wake.TrySetResult();
    }

    private async Task RunCell(SiloAddress silo, int cell)
    {
        inFlight[silo] = inFlight.GetValueOrDefault(silo) + 1;
        try
        {
            var outcome = await Worker(silo).Run(spec!, cell);
            switch (outcome.Kind)
            {
                case CellOutcomeKind.Done when !done[cell]:
                    done[cell] = true;
                    cellsDone++;
                    pointsDone += outcome.Points;
                    break;
                case CellOutcomeKind.Failed or CellOutcomeKind.Refused:
                    var failed = failures[cell] = failures.GetValueOrDefault(cell) + 1;
                    if (Cells.CellFailures.JobFailure(cell, failed, outcome.Kind == CellOutcomeKind.Refused, outcome.Error) is { } failure) await FailJob(failure);
                    else pending.Enqueue(cell);
                    break;
                case CellOutcomeKind.Stopped when state == JobStatus.Open:
                    pending.Enqueue(cell);
                    break;
            }
        }
        catch (Exception e)
        {
            // The silo died or could not be reached: Orleans broke the call. The cell runs again elsewhere.
            log.LogInformation("cell {Cell} of {Job} on {Silo} lost ({Message}); it goes back to the queue", cell, spec, silo, e.Message);
            if (state == JobStatus.Open) pending.Enqueue(cell);
            resting[silo] = DateTime.UtcNow + RestAfterFault;
            threads.Remove(silo);
        }
        finally
        {
            inFlight[silo]--;
            wake.TrySetResult();
        }
    }

    private async Task Report()
    {
        try
        {
            var sizes = await Task.WhenAll(Shards().Select(s => s.Size()));
            distinctSoFar = sizes.Sum();
            var stored = await store.ProgressAsync(Id, new JobProgress(cellsDone, pointsDone, distinctSoFar, inFlight.Count(s => s.Value > 0)));
            // Another client (the CLI on the database) may have cancelled the job.
            if (stored != JobStatus.Open && state == JobStatus.Open) await StopEverywhere(stored);
        }
        catch (Exception e)
        {
            log.LogInformation("progress of {Job} not written ({Message})", spec, e.Message);
        }
    }

    private async Task Finish()
    {
        while (true)
        {
            try
            {
                var summaries = await Task.WhenAll(Shards().Select(s => s.Complete()));
                var distinct = summaries.Sum(s => s.Count);
                var regions = spec!.IsLinear ? distinct - await GrainFactory.GetGrain<ILinearMergeGrain>(Id).Unions(spec.Shards) : distinct;
                await store.FinishAsync(Id, new JobOutcome(regions, distinct, pointsDone, summaries.Sum(s => s.SeenOnce), summaries.Sum(s => s.SeenTwice)));
                log.LogInformation("{Job}: done, {Regions} regions", spec, regions);
                await StopEverywhere(JobStatus.Done);
                return;
            }
            catch (Exception e)
            {
                // A shard's silo died while it reported: it is rebuilt from the recorded cells on the next try.
                log.LogInformation("{Job}: finishing failed ({Message}); retrying", spec, e.Message);
                await Task.Delay(RestAfterFault);
            }
        }
    }

    private async Task FailJob(string error)
    {
        log.LogWarning("{Job}: failed: {Error}", spec, error);
        if (await store.EndAsync(Id, JobStatus.Failed, error)) await StopEverywhere(JobStatus.Failed);
    }

    /// <summary>Ends the job here, stops its cells on every silo and frees its shards.</summary>
    private async Task StopEverywhere(string ended)
    {
        state = ended;
        pending.Clear();
        var stops = ActiveSilos().Select(async silo =>
        {
            try
            {
                await Worker(silo).Stop(Id);
            }
            catch (Exception e)
            {
                log.LogInformation("silo {Silo} not told to stop {Job} ({Message})", silo, spec, e.Message);
            }
        });
        await Task.WhenAll(stops);
        await Task.WhenAll(Shards().Select(async shard =>
        {
            try
            {
                await shard.Release();
            }
            catch (Exception)
            {
                // A shard that cannot be reached holds no memory anywhere.
            }
        }));
        DeactivateOnIdle();
    }

    private List<SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToList();

    private ICellWorkerGrain Worker(SiloAddress silo) => GrainFactory.GetGrain<ICellWorkerGrain>(silo.ToParsableString());

    private IEnumerable<IPatternShardGrain> Shards() =>
        Enumerable.Range(0, spec!.Shards).Select(s => GrainFactory.GetGrain<IPatternShardGrain>(Id, s.ToString(CultureInfo.InvariantCulture)));
}
