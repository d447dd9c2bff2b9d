using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Exact regions along a segment x = P + t D (or the input line of a one-input network): the cell is an
/// interval of t, split at the breakpoints of every unit, layer by layer.
/// </summary>
public sealed class SegmentEnumerator : ICellEnumerator
{
    private readonly ExactSetup setup;
    private readonly Box domain;

    public SegmentEnumerator(Network network, AffineSlice slice, Box domain)
    {
        setup = ExactSetup.OnSlice(network, slice, domain, 1, "segment");
        this.domain = domain;
    }

    public CellEnumeration Enumerate(Box cell, bool linearMerges, CancellationToken cancel)
    {
        var regions = new List<ExactRegion>();
        var outputs = new List<(double[] Maps, double[] Sizes)>();
        setup.Engine(linearMerges).Run(Root(cell), setup.Distance, RootFaces, (piece, pattern, maps, sizes, centroid) =>
        {
            var interval = (IntervalPiece)piece;
            regions.Add(setup.Create(pattern, maps, centroid) with { Interval = (interval.A[0], interval.B[0]) });
            if (linearMerges) outputs.Add(((double[])maps.Clone(), (double[])sizes!.Clone()));
        }, cancel);

        var merges = new List<LinearMerge>();
        if (linearMerges)
        {
            var neighbours = new FacetNeighbours(setup);
            var lo = domain.Lower[0];
            var hi = domain.Upper[0];
            for (var r = 0; r < regions.Count; r++)
            {
                var (t0, t1) = regions[r].Interval!.Value;
                var region = regions[r];
                var (maps, sizes) = outputs[r];
                void Merge(UInt128 other, double[] otherMaps, double[] otherSizes)
                {
                    if (other != region.Fingerprint && setup.SameMaps(maps, sizes, otherMaps, otherSizes)) merges.Add(new LinearMerge(region.Fingerprint, other));
                }
                if (t1 < hi) neighbours.Across([t1], [t1], [1.0], Merge, cancel);
                if (t0 > lo) neighbours.Across([t0], [t0], [-1.0], Merge, cancel);
            }
        }
        return new CellEnumeration(regions, merges);
    }

    public void Fingerprints(Box cell, Action<UInt128> found, CancellationToken cancel) =>
        setup.Engine().RunFingerprints(Root(cell), setup.Distance, RootFaces, found, cancel);

    private static IntervalPiece Root(Box cell) => new([cell.Lower[0]], [cell.Upper[0]]);

    /// <summary>The interval's two ends take constraint ids 0 and 1; breakpoints come after.</summary>
    private const int RootFaces = 2;
}
