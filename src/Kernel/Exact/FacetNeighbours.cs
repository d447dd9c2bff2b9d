using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Finds the regions across a facet of a region: the facet (a point in 1-D, a segment in 2-D, a polytope in n-D) is itself
/// subdivided layer by layer, deciding every unit that vanishes on it by the side the outward normal points
/// to. Each piece of the facet names one neighbour with the pattern and output map just across, so
/// adjacency is exact even when the far side is cut differently from the near side, or lies in another cell.
/// </summary>
internal sealed class FacetNeighbours(Network network, AffineSlice slice, double diameter)
{
    private readonly double[] embedding = slice.Embedding();

    /// <summary>Calls back with (fingerprint, output rows) of each region across the facet a-b (a = b for a point).</summary>
    public void Across(double[] a, double[] b, double[] outwardNormal, Action<UInt128, double[]> neighbour, CancellationToken cancel) =>
        Across(new IntervalPiece(a, b), 0, outwardNormal, neighbour, cancel);

    /// <summary>The same for any facet piece; splits get ids from <paramref name="firstConstraint"/> on.</summary>
    public void Across(ConvexPiece facet, int firstConstraint, double[] outwardNormal, Action<UInt128, double[]> neighbour, CancellationToken cancel)
    {
        var engine = new SubdivisionEngine(network, slice.Dimension, embedding, outwardNormal);
        engine.Run(facet, diameter, firstConstraint, (_, pattern, outputs, _) =>
            neighbour(Evaluation.Fingerprint.Of(pattern, network.Layout.TotalBits), outputs), cancel);
    }
}
