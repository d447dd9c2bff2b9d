using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Exact regions on a plane x = O + u D1 + v D2 (or the input plane of a two-input network): the cell is a
/// rectangle of (u, v), subdivided into convex polygons layer by layer, each carrying its affine maps.
/// </summary>
public sealed class PlaneEnumerator : ICellEnumerator
{
    private readonly ExactSetup setup;
    private readonly Box domain;

    public PlaneEnumerator(Network network, AffineSlice slice, Box domain)
    {
        setup = ExactSetup.OnSlice(network, slice, domain, 2, "plane");
        this.domain = domain;
    }

    public CellEnumeration Enumerate(Box cell, bool linearMerges, CancellationToken cancel)
    {
        var regions = new List<ExactRegion>();
        var pieces = new List<(PolygonPiece Polygon, double[] Maps, double[] Sizes)>();
        setup.Engine(linearMerges).Run(Root(cell), setup.Distance, RootFaces, (piece, pattern, maps, sizes, centroid) =>
        {
            var polygon = (PolygonPiece)piece;
            var vertices = new (double U, double V)[polygon.VertexCount];
            for (var v = 0; v < vertices.Length; v++) vertices[v] = (polygon.Coordinates[2 * v], polygon.Coordinates[2 * v + 1]);
            regions.Add(setup.Create(pattern, maps, centroid) with { Polygon = vertices });
            if (linearMerges) pieces.Add((polygon, (double[])maps.Clone(), (double[])sizes!.Clone()));
        }, cancel);

        var merges = new List<LinearMerge>();
        if (linearMerges)
        {
            var neighbours = new FacetNeighbours(setup);
            for (var r = 0; r < regions.Count; r++)
            {
                var region = regions[r];
                var (polygon, maps, sizes) = pieces[r];
                var n = polygon.VertexCount;
                for (var i = 0; i < n; i++)
                {
                    var a = polygon.Vertex(i).ToArray();
                    var b = polygon.Vertex((i + 1) % n).ToArray();
                    if (OnDomainBoundary(a, b, setup.Distance)) continue;
                    // Counter-clockwise boundary: the outward normal is the edge direction turned clockwise.
                    double[] outward = [b[1] - a[1], a[0] - b[0]];
                    neighbours.Across(a, b, outward, (other, otherMaps, otherSizes) =>
                    {
                        if (other != region.Fingerprint && setup.SameMaps(maps, sizes, otherMaps, otherSizes)) merges.Add(new LinearMerge(region.Fingerprint, other));
                    }, cancel);
                }
            }
        }
        return new CellEnumeration(regions, merges);
    }

    public void Fingerprints(Box cell, Action<UInt128> found, CancellationToken cancel) =>
        setup.Engine().RunFingerprints(Root(cell), setup.Distance, RootFaces, found, cancel);

    private static PolygonPiece Root(Box cell) => PolygonPiece.Rectangle(cell.Lower[0], cell.Upper[0], cell.Lower[1], cell.Upper[1]);

    /// <summary>The rectangle's four sides take constraint ids 0-3; splitting lines come after.</summary>
    private const int RootFaces = 4;

    private bool OnDomainBoundary(double[] a, double[] b, double tolerance)
    {
        for (var axis = 0; axis < 2; axis++)
        {
            foreach (var side in new[] { domain.Lower[axis], domain.Upper[axis] })
            {
                if (Math.Abs(a[axis] - side) <= tolerance && Math.Abs(b[axis] - side) <= tolerance) return true;
            }
        }
        return false;
    }
}
