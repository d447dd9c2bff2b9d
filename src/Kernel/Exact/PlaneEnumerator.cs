using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Exact regions on a plane x = O + u D1 + v D2 (or the input plane of a two-input network): the cell is a
/// rectangle of (u, v), subdivided into convex polygons layer by layer, each carrying its affine maps.
/// </summary>
public sealed class PlaneEnumerator(Network network, AffineSlice slice, Box domain)
    : SubdivisionEnumerator(domain, on => ExactSetup.OnSlice(network, slice, on, 2, "plane"))
{
    private protected override ConvexPiece Root(Box cell) => PolygonPiece.Rectangle(cell.Lower[0], cell.Upper[0], cell.Lower[1], cell.Upper[1]);

    /// <summary>The rectangle's four sides take constraint ids 0-3; splitting lines come after.</summary>
    private protected override int RootFaces => 4;

    private protected override ExactRegion Create(ExactSetup setup, ulong[] pattern, double[] maps, double[] centroid, ConvexPiece piece, double[]? mapSizes)
    {
        var polygon = (PolygonPiece)piece;
        var vertices = new (double U, double V)[polygon.VertexCount];
        for (var v = 0; v < vertices.Length; v++) vertices[v] = (polygon.Coordinates[2 * v], polygon.Coordinates[2 * v + 1]);
        return setup.Create(pattern, maps, centroid, polygon: vertices, mapSizes: mapSizes);
    }

    /// <summary>The polygon's edges in boundary order.</summary>
    private protected override IEnumerable<Facet> InnerFacets(ConvexPiece piece, Box domain, double tolerance)
    {
        var n = piece.VertexCount;
        for (var i = 0; i < n; i++)
        {
            var a = piece.Vertex(i).ToArray();
            var b = piece.Vertex((i + 1) % n).ToArray();
            if (OnDomainBoundary(a, b, domain, tolerance)) continue;
            // Counter-clockwise boundary: the outward normal is the edge direction turned clockwise.
            yield return new Facet(new IntervalPiece(a, b), 0, [b[1] - a[1], a[0] - b[0]]);
        }
    }

    private static bool OnDomainBoundary(double[] a, double[] b, Box domain, double tolerance)
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

    /// <summary>Each vertex, then each edge as its two ends.</summary>
    private protected override IEnumerable<int[]> Faces(ConvexPiece piece)
    {
        var n = piece.VertexCount;
        for (var i = 0; i < n; i++) yield return [i];
        for (var i = 0; i < n; i++) yield return [i, (i + 1) % n];
    }
}
