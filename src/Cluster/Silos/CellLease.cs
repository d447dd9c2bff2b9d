namespace Regions.Cluster.Silos;

/// <summary>A silo's claim on one cell until <c>lease_expires</c>; only the holder of the token may complete it.</summary>
public sealed record CellLease(long JobId, int Cell, Guid Token);

public enum CompletionOutcome
{
    /// <summary>The cell's patterns were merged and the cell marked done, in one transaction.</summary>
    Merged,

    /// <summary>The lease was no longer ours (expired and re-leased, job cancelled, cell already done): nothing changed.</summary>
    Rejected,
}
