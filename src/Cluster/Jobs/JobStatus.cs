namespace Regions.Cluster.Jobs;

/// <summary>Where a cluster job stands. <see cref="Regions"/> is set once every cell is merged.</summary>
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
    long? SeenTwice)
{
    /// <summary>activation or linear: which regions <see cref="Regions"/> counts.</summary>
    public string Definition { get; init; } = "activation";

    public bool IsFinished => State == "done";

    /// <summary>Seconds left, extrapolated from the cells done so far; null before the first cell.</summary>
    public double? EtaSeconds(DateTimeOffset now)
    {
        if (CellsDone == 0 || State != "open") return null;
        var elapsed = (now - CreatedAt).TotalSeconds;
        return elapsed * (Cells - CellsDone) / CellsDone;
    }
}
