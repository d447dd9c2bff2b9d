using Regions.Kernel.Exact;

namespace Regions.Kernel.Statistics;

/// <summary>
/// Volume and facets of a polytope piece from its vertices and the constraints tight at each: a face is the
/// set of vertices tight on one more constraint, kept when its hull has one dimension less (several constraints
/// can name one face: faces are told apart by their vertices). The k-volume is the pyramid sum over facets,
/// vol_k(F) = (1/k) sum_G dist(c_F, G) vol_(k-1)(G) with c_F a point inside F, each face computed once.
/// </summary>
internal sealed class PolytopeMeasure
{
    private readonly double[][] vertices;
    private readonly int[][] tight;
    private readonly Dictionary<string, double> volumes = [];

    public PolytopeMeasure(PolytopePiece piece)
    {
        vertices = new double[piece.VertexCount][];
        tight = new int[piece.VertexCount][];
        for (var v = 0; v < vertices.Length; v++)
        {
            vertices[v] = piece.Vertex(v).ToArray();
            tight[v] = piece.Tight(v).ToArray();
        }
    }

    private int[] All => Enumerable.Range(0, vertices.Length).ToArray();

    public double[][] Vertices => vertices;

    public double Volume() => Volume(All, vertices[0].Length);

    /// <summary>The facets as outward half-spaces through their vertices.</summary>
    public List<HalfSpace> Facets()
    {
        var all = All;
        var centre = Centroid(all);
        var result = new List<HalfSpace>();
        foreach (var facet in Faces(all, vertices[0].Length))
        {
            var inward = new AffineHull(Points(facet)).Residual(centre);
            var length = AffineHull.Norm(inward);
            var normal = inward.Select(x => -x / length).ToArray();
            var offset = 0.0;
            for (var i = 0; i < normal.Length; i++) offset += normal[i] * vertices[facet[0]][i];
            result.Add(new HalfSpace(normal, offset));
        }
        return result;
    }

    private double Volume(int[] face, int k)
    {
        if (k == 0) return 1;
        if (k == 1)
        {
            var points = Points(face);
            return new AffineHull(points).Extent(points);
        }
        var key = string.Join(",", face);
        if (volumes.TryGetValue(key, out var known)) return known;
        var centre = Centroid(face);
        var sum = 0.0;
        foreach (var facet in Faces(face, k))
            sum += AffineHull.Norm(new AffineHull(Points(facet)).Residual(centre)) * Volume(facet, k - 1);
        return volumes[key] = sum / k;
    }

    /// <summary>The (k-1)-faces of a k-face, each as its sorted vertex indices.</summary>
    private List<int[]> Faces(int[] face, int k)
    {
        var seen = new HashSet<string>();
        var faces = new List<int[]>();
        foreach (var id in face.SelectMany(v => tight[v]).Distinct())
        {
            var members = face.Where(v => Array.IndexOf(tight[v], id) >= 0).ToArray();
            if (members.Length < k || members.Length == face.Length) continue;
            if (new AffineHull(Points(members)).Dimension != k - 1 || !seen.Add(string.Join(",", members))) continue;
            faces.Add(members);
        }
        return faces;
    }

    private double[][] Points(int[] face) => face.Select(v => vertices[v]).ToArray();

    private double[] Centroid(int[] face)
    {
        var c = new double[vertices[0].Length];
        foreach (var v in face) for (var i = 0; i < c.Length; i++) c[i] += vertices[v][i] / face.Length;
        return c;
    }
}
