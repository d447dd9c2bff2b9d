namespace Regions.Grains.Cells;

/// <summary>What one cell saw: every pattern fingerprint with the number of sample points that hit it.</summary>
public sealed class CellPatterns(int cell, Dictionary<UInt128, long> hits, long points)
{
    public int Cell { get; } = cell;

    public IReadOnlyDictionary<UInt128, long> Hits { get; } = hits;

    public long Points { get; } = points;
}
