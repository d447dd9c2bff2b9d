using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// The cell runner of one silo (keyed by that silo's address, and placed on it): runs cells on the silo's
/// cores, records each finished cell durably and sends each pattern shard its part.
/// </summary>
public interface ICellWorkerGrain : IGrainWithStringKey
{
    /// <summary>Cells this silo computes at once.</summary>
    Task<int> Threads();

    Task<CellOutcome> Run(JobSpec job, int cell);

    /// <summary>Stops the job's running cells on this silo and refuses its later ones (cancelled or finished job).</summary>
    Task Stop(long job);
}

public enum CellOutcomeKind
{
    /// <summary>Computed, recorded and delivered to every shard.</summary>
    Done,

    /// <summary>The cell's own computation threw: retrying it elsewhere is bounded.</summary>
    Failed,

    /// <summary>The job was stopped on that silo before the cell finished.</summary>
    Stopped,

    /// <summary>The cell refused its input (an <see cref="Kernel.InvalidRequestException"/>): no retry can change that.</summary>
    Refused,
}

[GenerateSerializer, Immutable]
public sealed record CellOutcome(CellOutcomeKind Kind, long Points, string? Error = null)
{
    public static readonly CellOutcome Stopped = new(CellOutcomeKind.Stopped, 0);
}
