namespace Regions.Grains.Storage;

/// <summary>Where a job stands. <see cref="Regions"/> is set once it is done; <see cref="Error"/> says why a job failed.</summary>
[GenerateSerializer, Immutable]
public sealed record JobStatus(
    long Id,
    string State,
    string Method,
    int Cells,
    int CellsDone,
    long Points,
    long PointsDone,
    long DistinctSoFar,
    int SilosWorking,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    long? Regions,
    long? SeenOnce,
    long? SeenTwice,
    string Definition,
    string? Error)
{
    public const string Open = "open", Done = "done", Cancelled = "cancelled", Failed = "failed";

    public bool IsFinished => State == Done;

    /// <summary>Seconds left, extrapolated from the cells done so far; null before the first cell.</summary>
    public double? EtaSeconds(DateTimeOffset now)
    {
        if (CellsDone == 0 || State != Open) return null;
        var elapsed = (now - CreatedAt).TotalSeconds;
        return elapsed * (Cells - CellsDone) / CellsDone;
    }
}

/// <summary>A running job's progress, written by its grain so that status readers need no grain call.</summary>
public readonly record struct JobProgress(int CellsDone, long PointsDone, long DistinctSoFar, int SilosWorking);

/// <summary>A finished job's numbers.</summary>
public readonly record struct JobOutcome(long Regions, long Distinct, long PointsDone, long SeenOnce, long SeenTwice);

/// <summary>
/// One finished cell as it is made durable: its sample points, its fingerprints as one block per shard and,
/// for linear-region jobs, its merge pairs (a block of fingerprints a0, b0, a1, b1, ...).
/// </summary>
public sealed record CellRecord(long Job, int Cell, long Points, byte[][] ShardBlocks, byte[]? Merges);
