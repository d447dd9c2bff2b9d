using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Drawing;

/// <summary>One activation region on the plane: its polygon in (u, v), its pattern's fingerprint, the key it is coloured
/// and grouped by (see <see cref="MapPartition"/>), and its affine output maps over (u, v).</summary>
public sealed record PlaneRegion(UInt128 Fingerprint, UInt128 Key, IReadOnlyList<(double U, double V)> Polygon, AffineMap[] Outputs)
{
    /// <summary>The activation pattern itself (the explorer shows it per layer; the fingerprint alone cannot be read back).</summary>
    public ulong[] Pattern { get; init; } = [];

    /// <summary>The polygon's area in (u, v), by the shoelace formula (its vertices are in order).</summary>
    public double Area
    {
        get
        {
            double twice = 0;
            for (var i = 0; i < Polygon.Count; i++)
            {
                var (a, b) = (Polygon[i], Polygon[(i + 1) % Polygon.Count]);
                twice += a.U * b.V - b.U * a.V;
            }
            return Math.Abs(twice) / 2;
        }
    }
}

/// <summary>
/// The exact 2-D enumeration of a rectangle of a plane, kept whole for drawing: every activation region's polygon,
/// and <see cref="Count"/>, the number of regions of the asked partition (distinct keys). The rectangle is enumerated
/// as one cell, so each region is one polygon.
/// </summary>
public sealed class PlaneRegions
{
    private PlaneRegions(IReadOnlyList<PlaneRegion> regions, long count, Box box)
    {
        Regions = regions;
        Count = count;
        Box = box;
    }

    public IReadOnlyList<PlaneRegion> Regions { get; }

    /// <summary>Regions of the partition drawn: activation regions, linear regions or regions after a layer.</summary>
    public long Count { get; }

    /// <summary>The (u, v) rectangle.</summary>
    public Box Box { get; }

    /// <summary>
    /// Enumerates the plane, or returns null when it holds more than <paramref name="maxRegions"/> activation regions
    /// (one pass that stops at the budget, so a huge plane costs neither the memory of all its polygons nor the time
    /// of enumerating all of them). The rectangle is walked on <paramref name="threads"/> threads (default: every core),
    /// with the same regions, bits and order as on one.
    /// </summary>
    public static PlaneRegions? Enumerate(Network network, AffineSlice slice, Box box, MapPartition partition, int maxRegions, CancellationToken cancel = default, int threads = 0)
    {
        if (slice.Dimension != 2 || box.Dimension != 2) throw new ArgumentException("a map is a 2-D slice");
        partition.CheckedFor(network);
        var enumerator = new PlaneEnumerator(network, slice, box);
        var found = enumerator.Enumerate(box, partition.Linear, maxRegions, threads > 0 ? threads : Environment.ProcessorCount, cancel);
        if (found is null) return null;
        var keys = partition.Linear ? LinearKeys(found) : null;
        var regions = found.Regions.Select(r => new PlaneRegion(r.Fingerprint,
            keys?[r.Fingerprint] ?? partition.PrefixKey(network, r.Pattern), r.Polygon!, r.Outputs) { Pattern = r.Pattern }).ToArray();
        return new PlaneRegions(regions, regions.Select(r => r.Key).Distinct().LongCount(), box);
    }

    /// <summary>
    /// Linear regions are the components of the merge graph (adjacent regions with equal maps), as the exact count
    /// forms them; a component is keyed by its smallest fingerprint, so its colour does not depend on the order found.
    /// </summary>
    private static Dictionary<UInt128, UInt128> LinearKeys(CellEnumeration found)
    {
        var parent = found.Regions.ToDictionary(r => r.Fingerprint, r => r.Fingerprint);
        UInt128 Root(UInt128 x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var merge in found.Merges)
        {
            // A merge naming a pattern no region has (a sliver below the tolerance) is ignored, as the count does.
            if (!parent.ContainsKey(merge.A) || !parent.ContainsKey(merge.B)) continue;
            var (a, b) = (Root(merge.A), Root(merge.B));
            if (a != b) parent[UInt128.Max(a, b)] = UInt128.Min(a, b);
        }
        return parent.Keys.ToArray().ToDictionary(f => f, Root);
    }

}
