using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Exact;

/// <summary>The faces of a polytope from its vertex-constraint incidence: counted by hand, and against Euler's relation.</summary>
public sealed class FaceLatticeTests
{
    private static int[][] TightSets(PolytopePiece piece) =>
        Enumerable.Range(0, piece.VertexCount).Select(v => piece.Tight(v).ToArray()).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void An_n_cube_has_binomial_n_k_times_two_to_the_n_minus_k_faces_of_dimension_k(int n)
    {
        var faces = FaceLattice.ProperFaces(TightSets(PolytopePiece.Box(Box.Cube(n, -1, 1))));
        // 64 corners or fewer take one word per set, more take the general sets.
        // A k-face of the cube fixes n - k coordinates at one of two ends: C(n, k) 2^(n-k) of them, 2^k corners each; 3^n - 1 proper faces.
        Assert.Equal((int)Math.Pow(3, n) - 1, faces.Count);
        for (var k = 0; k < n; k++) Assert.Equal(Binomial(n, k) << (n - k), faces.Count(f => f.Length == 1 << k));
        Assert.Equal(faces.Count, faces.Select(f => string.Join(",", f)).Distinct().Count());
        // Facets first, by falling dimension down to the corners.
        Assert.Equal(faces.Select(f => f.Length).OrderByDescending(x => x), faces.Select(f => f.Length));
    }

    [Fact]
    public void A_square_pyramid_has_eighteen_proper_faces_and_a_constraint_touching_only_its_apex_adds_none()
    {
        // Base (id 0) on vertices 0-3; side i (ids 1-4) on base edge (i - 1, i) and the apex 4. The apex lies on four
        // facets in 3-D (not simple). Faces: 5 facets, 8 edges (4 base, 4 lateral), 5 vertices = 18.
        int[][] tight = [[0, 1, 4], [0, 1, 2], [0, 2, 3], [0, 3, 4], [1, 2, 3, 4]];
        var faces = FaceLattice.ProperFaces(tight);
        Assert.Equal(18, faces.Count);
        Assert.Equal((5, 8, 5), (faces.Count(f => f.Length >= 3), faces.Count(f => f.Length == 2), faces.Count(f => f.Length == 1)));
        Assert.Contains(faces, f => f.SequenceEqual([0, 1, 2, 3]));
        Assert.Contains(faces, f => f.SequenceEqual([0, 4]));
        Assert.DoesNotContain(faces, f => f.SequenceEqual([0, 2]));

        int[][] touched = [[0, 1, 4], [0, 1, 2], [0, 2, 3], [0, 3, 4], [1, 2, 3, 4, 9]];
        Assert.Equal(faces.Select(f => string.Join(",", f)), FaceLattice.ProperFaces(touched).Select(f => string.Join(",", f)));
    }

    [Fact]
    public void A_cube_with_a_corner_cut_off_has_ten_vertices_fifteen_edges_and_seven_facets()
    {
        var cube = PolytopePiece.Box(Box.Cube(3, 0, 1));
        // 2.5 - x - y - z >= 0 cuts the corner (1, 1, 1) off, through the three edges leaving it at their midpoints.
        var values = Enumerable.Range(0, 8).Select(v => 2.5 - cube.Vertex(v).ToArray().Sum()).ToArray();
        var sides = values.Select(f => (sbyte)Math.Sign(f)).ToArray();
        var kept = (PolytopePiece)cube.Split(values, sides, 6).Positive;
        var faces = FaceLattice.ProperFaces(TightSets(kept));
        var dimensions = faces.Select(f => Dimension(kept, f)).ToArray();
        Assert.Equal((10, 15, 7), (dimensions.Count(k => k == 0), dimensions.Count(k => k == 1), dimensions.Count(k => k == 2)));
        // The cut is a triangle, the three sides it crosses pentagons, the other three sides squares.
        var facets = faces.Where(f => Dimension(kept, f) == 2).Select(f => f.Length).Order();
        Assert.Equal([3, 4, 4, 4, 5, 5, 5], facets);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    public void Random_cuts_of_a_box_keep_euler_and_every_face_spans_its_dimension(int n, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var piece = PolytopePiece.Box(Box.Cube(n, -1, 1));
        var constraint = 2 * n;
        for (var cuts = 0; cuts < 6;)
        {
            var normal = Enumerable.Range(0, n).Select(_ => random.NextGaussian()).ToArray();
            var centre = new double[n];
            piece.Centroid(centre);
            var offset = -Enumerable.Range(0, n).Sum(i => normal[i] * (centre[i] + 0.2 * random.NextGaussian()));
            var values = Enumerable.Range(0, piece.VertexCount).Select(v => offset + Enumerable.Range(0, n).Sum(i => normal[i] * piece.Vertex(v)[i])).ToArray();
            var sides = values.Select(f => f > 1e-12 ? (sbyte)1 : f < -1e-12 ? (sbyte)-1 : (sbyte)0).ToArray();
            if (!sides.Contains((sbyte)1) || !sides.Contains((sbyte)-1)) continue;
            var (negative, positive) = piece.Split(values, sides, constraint++);
            piece = (PolytopePiece)(random.NextInt(2) == 0 ? negative : positive);
            cuts++;
        }
        var faces = FaceLattice.ProperFaces(TightSets(piece));
        Assert.True(piece.VertexCount <= 64);
        Assert.Equal(FaceLattice.ProperFacesOnSets(TightSets(piece)).Select(f => string.Join(",", f)), faces.Select(f => string.Join(",", f)));
        var counts = new int[n];
        foreach (var face in faces) counts[Dimension(piece, face)]++;
        // Euler-Poincare: f0 - f1 + ... + (-1)^(n-1) f_(n-1) = 1 - (-1)^n.
        var alternating = Enumerable.Range(0, n).Sum(k => (k % 2 == 0 ? 1 : -1) * counts[k]);
        Assert.Equal(1 - (n % 2 == 0 ? 1 : -1), alternating);
        Assert.Equal(piece.VertexCount, counts[0]);
        // Every edge has two ends, and each level is one dimension lower than the one before.
        Assert.All(faces.Where(f => Dimension(piece, f) == 1), f => Assert.Equal(2, f.Length));
        var order = faces.Select(f => Dimension(piece, f)).ToArray();
        Assert.Equal(order.OrderByDescending(k => k), order);
    }

    /// <summary>The dimension of the affine hull of the face's vertices (Gram-Schmidt on their differences).</summary>
    private static int Dimension(PolytopePiece piece, int[] face)
    {
        var origin = piece.Vertex(face[0]).ToArray();
        var basis = new List<double[]>();
        foreach (var v in face.Skip(1))
        {
            var d = piece.Vertex(v).ToArray().Select((x, i) => x - origin[i]).ToArray();
            foreach (var b in basis)
            {
                var dot = d.Select((x, i) => x * b[i]).Sum();
                for (var i = 0; i < d.Length; i++) d[i] -= dot * b[i];
            }
            var norm = Math.Sqrt(d.Sum(x => x * x));
            if (norm <= 1e-9) continue;
            basis.Add(d.Select(x => x / norm).ToArray());
        }
        return basis.Count;
    }

    private static int Binomial(int n, int k) => k == 0 ? 1 : Binomial(n - 1, k - 1) * n / k;
}
