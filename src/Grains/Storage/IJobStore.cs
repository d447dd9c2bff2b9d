namespace Regions.Grains.Storage;

/// <summary>
/// Where jobs and finished cells are kept: PostgreSQL on a cluster, memory for the single in-process silo.
/// A cell is recorded once, keyed by (job, cell), before its job counts it done; everything a grain holds in
/// memory (a shard's part of the merged set, a job's done cells) can be rebuilt from what is recorded here.
/// </summary>
public interface IJobStore
{
    Task<long> SubmitAsync(JobSpec job, CancellationToken cancel = default);

    /// <summary>The job's definition and state; null when there is no such job.</summary>
    Task<(JobSpec Spec, string State)?> LoadAsync(long id, CancellationToken cancel = default);

    Task SetShardsAsync(long id, int shards, CancellationToken cancel = default);

    Task<IReadOnlyList<long>> OpenJobsAsync(CancellationToken cancel = default);

    /// <summary>Records a finished cell in one transaction; false (and nothing changed) when it was recorded already.</summary>
    Task<bool> RecordCellAsync(CellRecord cell, CancellationToken cancel = default);

    /// <summary>The cells of a job recorded so far, with their sample points.</summary>
    Task<IReadOnlyList<(int Cell, long Points)>> RecordedCellsAsync(long job, CancellationToken cancel = default);

    /// <summary>One shard's blocks of the given cells (all recorded cells when null).</summary>
    Task<IReadOnlyList<(int Cell, byte[] Block)>> ShardBlocksAsync(long job, int shard, IReadOnlyCollection<int>? cells = null, CancellationToken cancel = default);

    /// <summary>The merge-pair blocks of every recorded cell of a linear-region job.</summary>
    Task<IReadOnlyList<byte[]>> MergeBlocksAsync(long job, CancellationToken cancel = default);

    /// <summary>Writes a running job's progress and returns its stored state (another client may have cancelled it).</summary>
    Task<string> ProgressAsync(long job, JobProgress progress, CancellationToken cancel = default);

    /// <summary>Marks an open job done with its numbers and drops its cells' fingerprints, which the count no longer needs.</summary>
    Task FinishAsync(long job, JobOutcome outcome, CancellationToken cancel = default);

    /// <summary>Ends an open job as cancelled or failed; false when it had already ended.</summary>
    Task<bool> EndAsync(long job, string state, string? error, CancellationToken cancel = default);

    Task<JobStatus?> StatusAsync(long id, CancellationToken cancel = default);

    Task<IReadOnlyList<JobStatus>> ListAsync(int limit, CancellationToken cancel = default);

    /// <summary>True when the error means the store is unreachable for now (worth waiting out), not that the request is wrong.</summary>
    bool IsUnavailable(Exception error);
}
