using Regions.Kernel.Exact;

namespace Regions.Kernel.Statistics;

/// <summary>
/// The adjacency graph of the activation regions: one node per region, one edge per pair that shares a facet
/// (a piece of positive (d-1)-measure). An edge seen from either side counts; a neighbour no region of the
/// list is (a sliver below the tolerance) is left out, as the linear count leaves it out.
/// </summary>
public sealed record RegionGraph(IReadOnlyList<ShapedRegion> Nodes, IReadOnlyList<(int A, int B)> Edges)
{
    public static RegionGraph Of(IReadOnlyList<ShapedRegion> regions)
    {
        var index = new Dictionary<UInt128, int>(regions.Count);
        for (var i = 0; i < regions.Count; i++) index[regions[i].Region.Fingerprint] = i;
        var edges = new SortedSet<(int, int)>();
        for (var i = 0; i < regions.Count; i++)
        {
            foreach (var other in regions[i].Neighbours)
            {
                if (index.TryGetValue(other, out var j) && j != i) edges.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        }
        return new RegionGraph(regions, edges.ToArray());
    }
}
