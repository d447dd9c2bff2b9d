namespace Regions.Grains.Storage;

/// <summary>
/// The job store of a single in-process silo (<c>regions serve</c> without a database): the same contract as
/// the PostgreSQL store, kept in this process, so the grains run unchanged. Jobs do not outlive the process.
/// </summary>
public sealed class InMemoryJobStore : IJobStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<long, Entry> jobs = new();
    private long nextId;

    private sealed class Entry(JobSpec spec)
    {
        public JobSpec Spec = spec;
        public string State = JobStatus.Open;
        public string? Error;
        public readonly DateTimeOffset Created = DateTimeOffset.UtcNow;
        public DateTimeOffset? Finished;
        public JobProgress Progress;
        public JobOutcome? Outcome;
        public readonly Dictionary<int, CellRecord> Cells = new();
    }

    public Task<long> SubmitAsync(JobSpec job, CancellationToken cancel = default)
    {
        lock (gate)
        {
            var id = ++nextId;
            jobs[id] = new Entry(job with { Id = id });
            return Task.FromResult(id);
        }
    }

    public Task<(JobSpec Spec, string State)?> LoadAsync(long id, CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult(jobs.TryGetValue(id, out var e) ? (e.Spec, e.State) : ((JobSpec, string)?)null);
    }

    public Task SetShardsAsync(long id, int shards, CancellationToken cancel = default)
    {
        lock (gate) jobs[id].Spec = jobs[id].Spec with { Shards = shards };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<long>> OpenJobsAsync(CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<long>>(jobs.Where(j => j.Value.State == JobStatus.Open).Select(j => j.Key).ToArray());
    }

    public Task<bool> RecordCellAsync(CellRecord cell, CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult(jobs.TryGetValue(cell.Job, out var e) && e.Cells.TryAdd(cell.Cell, cell));
    }

    public Task<IReadOnlyList<(int Cell, long Points)>> RecordedCellsAsync(long job, CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<(int, long)>>(jobs[job].Cells.Values.Select(c => (c.Cell, c.Points)).ToArray());
    }

    public Task<IReadOnlyList<(int Cell, byte[] Block)>> ShardBlocksAsync(long job, int shard, IReadOnlyCollection<int>? cells = null, CancellationToken cancel = default)
    {
        lock (gate)
        {
            var recorded = jobs[job].Cells;
            var chosen = cells is null ? recorded.Values : cells.Where(recorded.ContainsKey).Select(c => recorded[c]);
            return Task.FromResult<IReadOnlyList<(int, byte[])>>(chosen.Select(c => (c.Cell, c.ShardBlocks[shard])).ToArray());
        }
    }

    public Task<IReadOnlyList<byte[]>> MergeBlocksAsync(long job, CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<byte[]>>(jobs[job].Cells.Values.Where(c => c.Merges is not null).Select(c => c.Merges!).ToArray());
    }

    public Task<string> ProgressAsync(long job, JobProgress progress, CancellationToken cancel = default)
    {
        lock (gate)
        {
            var e = jobs[job];
            if (e.State == JobStatus.Open) e.Progress = progress;
            return Task.FromResult(e.State);
        }
    }

    public Task FinishAsync(long job, JobOutcome outcome, CancellationToken cancel = default)
    {
        lock (gate)
        {
            var e = jobs[job];
            if (e.State != JobStatus.Open) return Task.CompletedTask;
            (e.State, e.Outcome, e.Finished) = (JobStatus.Done, outcome, DateTimeOffset.UtcNow);
            e.Progress = e.Progress with { CellsDone = e.Spec.Cells, PointsDone = outcome.PointsDone, DistinctSoFar = outcome.Distinct, SilosWorking = 0 };
            e.Cells.Clear();
            return Task.CompletedTask;
        }
    }

    public Task<bool> EndAsync(long job, string state, string? error, CancellationToken cancel = default)
    {
        lock (gate)
        {
            if (!jobs.TryGetValue(job, out var e) || e.State != JobStatus.Open) return Task.FromResult(false);
            (e.State, e.Error, e.Finished) = (state, error, DateTimeOffset.UtcNow);
            e.Progress = e.Progress with { SilosWorking = 0 };
            return Task.FromResult(true);
        }
    }

    public Task<JobStatus?> StatusAsync(long id, CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult(jobs.TryGetValue(id, out var e) ? Status(id, e) : null);
    }

    public Task<IReadOnlyList<JobStatus>> ListAsync(int limit, CancellationToken cancel = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<JobStatus>>(jobs.OrderByDescending(j => j.Key).Take(limit).Select(j => Status(j.Key, j.Value)).ToArray());
    }

    public bool IsUnavailable(Exception error) => false;

    private static JobStatus Status(long id, Entry e) => new(
        id, e.State, e.Spec.Method, e.Spec.Cells, e.Progress.CellsDone, e.Spec.Points, e.Progress.PointsDone, e.Progress.DistinctSoFar,
        e.Progress.SilosWorking, e.Created, e.Finished, e.Outcome?.Regions, e.Outcome?.SeenOnce, e.Outcome?.SeenTwice, e.Spec.Definition, e.Error);
}
