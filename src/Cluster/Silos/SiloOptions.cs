namespace Regions.Cluster.Silos;

/// <summary>How a silo works: its name in the membership table, worker threads, and lease timing.</summary>
public sealed record SiloOptions(string Name, int Threads)
{
    /// <summary>A cell whose silo stops heart-beating is leased again after this long.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Wait between looks for work when every cell is taken.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Stop when no open job is left (for scripts and tests); a service keeps polling.</summary>
    public bool ExitWhenIdle { get; init; }

    public static string DefaultName() => $"{Environment.MachineName}-{Environment.ProcessId}";
}
