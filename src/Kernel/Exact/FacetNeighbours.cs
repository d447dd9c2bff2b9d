namespace Regions.Kernel.Exact;

/// <summary>
/// Finds the regions across a facet of a region: the facet (a point in 1-D, a segment in 2-D, a polytope in n-D) is itself
/// subdivided layer by layer, deciding every unit that vanishes on it by the side the outward normal points
/// to. Each piece of the facet names one neighbour with the pattern and output map just across, so
/// adjacency is exact even when the far side is cut differently from the near side, or lies in another cell.
/// </summary>
internal sealed class FacetNeighbours(ExactSetup setup)
{
    /// <summary>What is across: the neighbour's fingerprint, its output rows and their terms' magnitudes (valid during the call).</summary>
    public delegate void Neighbour(UInt128 fingerprint, double[] outputs, double[] magnitudes);

    /// <summary>Calls back with each region across the facet a-b (a = b for a point).</summary>
    public void Across(double[] a, double[] b, double[] outwardNormal, Neighbour neighbour, CancellationToken cancel) =>
        Across(new IntervalPiece(a, b), 0, outwardNormal, neighbour, cancel);

    /// <summary>The same for any facet piece; splits get ids from <paramref name="firstConstraint"/> on.</summary>
    public void Across(ConvexPiece facet, int firstConstraint, double[] outwardNormal, Neighbour neighbour, CancellationToken cancel)
    {
        setup.Engine(magnitudes: true, normal: outwardNormal).Run(facet, setup.Distance, firstConstraint, (_, pattern, outputs, magnitudes, _) =>
            neighbour(Evaluation.Fingerprint.Of(pattern), outputs, magnitudes!), cancel);
    }
}
