using System.Collections.Concurrent;
using Regions.Client;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;

namespace Regions.Silo.Api;

/// <summary>The embedded single silo behind the API: jobs run on this process's cores, kept in memory.</summary>
internal sealed class EmbeddedJobService(int threads) : IJobService
{
    private readonly ConcurrentDictionary<long, EmbeddedJob> jobs = new();
    private long nextId;

    public Task<JobStatusResponse> SubmitAsync(CountJob job, CancellationToken cancel)
    {
        job = job.Validated();
        var entry = new EmbeddedJob(Interlocked.Increment(ref nextId), job);
        jobs[entry.Id] = entry;
        entry.Start(threads);
        return Task.FromResult(entry.Status());
    }

    public Task<JobStatusResponse?> GetAsync(long id, CancellationToken cancel) =>
        Task.FromResult(jobs.TryGetValue(id, out var job) ? job.Status() : null);

    public Task<IReadOnlyList<JobStatusResponse>> ListAsync(CancellationToken cancel) =>
        Task.FromResult<IReadOnlyList<JobStatusResponse>>(jobs.Values.OrderByDescending(j => j.Id).Select(j => j.Status()).ToArray());

    public async Task<JobStatusResponse?> CancelAsync(long id, CancellationToken cancel)
    {
        if (!jobs.TryGetValue(id, out var job)) return null;
        await job.CancelAsync();
        return job.Status();
    }

    private sealed class EmbeddedJob(long id, CountJob job)
    {
        private readonly CancellationTokenSource cancel = new();
        private readonly DateTimeOffset created = DateTimeOffset.UtcNow;
        private volatile string state = "open";
        private CountProgress progress;
        private CountResult? result;
        private DateTimeOffset? finished;
        private Task? run;

        public long Id { get; } = id;

        public void Start(int threads) => run = Task.Run(() =>
        {
            try
            {
                result = EmbeddedRunner.Run(job, threads, p => progress = p, cancel.Token);
                state = "done";
            }
            catch (OperationCanceledException)
            {
                state = "cancelled";
            }
            finally
            {
                finished = DateTimeOffset.UtcNow;
            }
        });

        public async Task CancelAsync()
        {
            await cancel.CancelAsync();
            if (run is not null) await run;
        }

        public JobStatusResponse Status()
        {
            var p = progress;
            var r = result;
            var elapsed = (DateTimeOffset.UtcNow - created).TotalSeconds;
            double? eta = state == "open" && p.CellsDone > 0 ? elapsed * (job.Cells - p.CellsDone) / p.CellsDone : null;
            var estimate = r?.Estimate is { } e ? new Estimate("chao1", e.Estimate, e.Lower, e.Upper, r.Singletons, r.Doubletons) : null;
            return new JobStatusResponse(Id, state, job.Method == CountMethod.Exact ? "exact" : "sample", job.Cells,
                r is null ? p.CellsDone : job.Cells, job.Points, r?.Points ?? p.PointsDone, r?.Regions ?? Math.Max(0, p.DistinctSoFar),
                state == "open" ? 1 : 0, created, finished, eta, r?.Regions, r?.IsLowerBound, estimate,
                job.Definition == RegionDefinition.Linear ? "linear" : "activation");
        }
    }
}
