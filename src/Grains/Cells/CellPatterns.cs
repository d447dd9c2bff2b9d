using Regions.Kernel.Exact;

namespace Regions.Grains.Cells;

/// <summary>
/// What one cell saw: every pattern fingerprint with the number of sample points that hit it (1 per region
/// for exact enumeration), and for exact linear-region counts the adjacent pairs with equal output maps.
/// </summary>
public sealed class CellPatterns(int cell, Dictionary<UInt128, long> hits, long points, IReadOnlyList<LinearMerge>? merges = null)
{
    public int Cell { get; } = cell;

    public IReadOnlyDictionary<UInt128, long> Hits { get; } = hits;

    public long Points { get; } = points;

    public IReadOnlyList<LinearMerge> Merges { get; } = merges ?? [];
}
