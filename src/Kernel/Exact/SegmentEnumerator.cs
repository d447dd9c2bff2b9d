using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Exact regions along a segment x = P + t D (or the input line of a one-input network): the cell is an
/// interval of t, split at the breakpoints of every unit, layer by layer.
/// </summary>
public sealed class SegmentEnumerator(Network network, AffineSlice slice, Box domain)
    : SubdivisionEnumerator(domain, on => ExactSetup.OnSlice(network, slice, on, 1, "segment"))
{
    private protected override ConvexPiece Root(Box cell) => new IntervalPiece([cell.Lower[0]], [cell.Upper[0]]);

    /// <summary>The interval's two ends take constraint ids 0 and 1; breakpoints come after.</summary>
    private protected override int RootFaces => 2;

    private protected override ExactRegion Create(ExactSetup setup, ulong[] pattern, double[] maps, double[] centroid, ConvexPiece piece, double[]? mapSizes)
    {
        var interval = (IntervalPiece)piece;
        return setup.Create(pattern, maps, centroid, interval: (interval.A[0], interval.B[0]), mapSizes: mapSizes);
    }

    /// <summary>The interval's upper end, then its lower end: each a point facing outwards along t.</summary>
    private protected override IEnumerable<Facet> InnerFacets(ConvexPiece piece, Box domain, double tolerance)
    {
        var interval = (IntervalPiece)piece;
        var (t0, t1) = (interval.A[0], interval.B[0]);
        if (t1 < domain.Upper[0]) yield return new Facet(new IntervalPiece([t1], [t1]), 0, [1.0]);
        if (t0 > domain.Lower[0]) yield return new Facet(new IntervalPiece([t0], [t0]), 0, [-1.0]);
    }

    /// <summary>The interval's two ends.</summary>
    private protected override IEnumerable<int[]> Faces(ConvexPiece piece) => [[0], [1]];
}
