namespace Regions.Silo.Api;

/// <summary>How <c>regions serve</c> runs: where it listens, who may call it, and where jobs live.</summary>
internal sealed record ServeOptions(string Urls, string? Token, string? Db, int Threads)
{
    /// <summary>How long POST /count may compute before it is stopped (longer work belongs in POST /jobs).</summary>
    public TimeSpan SyncTimeout { get; init; } = DefaultSyncTimeout;

    public static readonly TimeSpan DefaultSyncTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Request bodies above this are refused with 413 before they are read (a network of a few million weights fits).</summary>
    public const long MaxRequestBytes = 64L << 20;
    public const long MaxJobPoints = 1_000_000_000_000;
    public const long MaxSyncPoints = 20_000_000;

    /// <summary>
    /// Synchronous exact counts take networks up to this many piecewise units, on domains of up to this many dimensions
    /// (a slice's own, whatever the network's inputs: enumeration works on the slice); larger ones go through POST /jobs.
    /// </summary>
    public const int MaxSyncExactUnits = 1024, MaxSyncExactDimensions = 4;

    /// <summary>True when every URL binds a loopback address, the only case that may run without a token.</summary>
    public bool LoopbackOnly => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("*", "wildcard").Replace("+", "wildcard"), UriKind.Absolute, out var uri)) return false;
        if (uri.Host == "localhost") return true;
        return System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address);
    }
}
