using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// One job (keyed by its id): holds the state of its cells, dispatches them to the silos with a bounded
/// number in flight per silo, retries the cells of a silo that died, and gathers the count from the shards.
/// </summary>
public interface IJobGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure an open job is running (activating its grain does); harmless on ended jobs.</summary>
    Task Resume();

    /// <summary>Live progress of a running job, the stored result of an ended one; null when there is no such job.</summary>
    Task<JobStatus?> Status();

    /// <summary>Cancels an open job and stops its cells on every silo; returns the status afterwards.</summary>
    Task<JobStatus?> Cancel();
}

/// <summary>Submission and listing, which need no particular job's grain (key 0, one activation per silo).</summary>
public interface IJobsGrain : IGrainWithIntegerKey
{
    Task<JobStatus> Submit(JobSpec job);

    Task<IReadOnlyList<JobStatus>> List(int limit);
}
