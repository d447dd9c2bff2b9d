namespace Regions.Kernel.Exact;

/// <summary>
/// A full-dimensional convex polytope of P = R^n, as its vertices and, for each vertex, the sorted ids of
/// the constraints tight there (box faces first, then one id per splitting hyperplane). A split is one
/// step of the double-description method: two vertices on opposite sides span an edge exactly when no
/// other vertex is tight on every constraint the two share, and each such edge gives one new vertex.
/// </summary>
internal sealed class PolytopePiece : ConvexPiece
{
    private readonly double[][] vertices;
    private readonly int[][] tight;
    /// <summary>The tight sets as masks over the piece's distinct constraint ids (see <see cref="ConstraintMasks"/>), once known.</summary>
    private (ulong[] Masks, int[] Ids)? table;
    private bool tableKnown;

    private PolytopePiece(double[][] vertices, int[][] tight)
    {
        this.vertices = vertices;
        this.tight = tight;
    }

    /// <summary>A piece whose mask table its parent's split already made (the same table <see cref="ConstraintMasks"/> would compute).</summary>
    private PolytopePiece(double[][] vertices, int[][] tight, ulong[] masks, int[] ids) : this(vertices, tight)
    {
        table = (masks, ids);
        tableKnown = true;
    }

    public override int SpaceDimension => vertices[0].Length;

    public override int VertexCount => vertices.Length;

    public override ReadOnlySpan<double> Vertex(int index) => vertices[index];

    /// <summary>The box as a polytope: its 2^n corners; constraint 2i is x_i = lower, 2i + 1 is x_i = upper.</summary>
    public static PolytopePiece Box(Geometry.Box box)
    {
        var n = box.Dimension;
        var corners = new double[1 << n][];
        var faces = new int[1 << n][];
        for (var c = 0; c < corners.Length; c++)
        {
            corners[c] = new double[n];
            faces[c] = new int[n];
            for (var i = 0; i < n; i++)
            {
                var upper = (c >> i & 1) == 1;
                corners[c][i] = upper ? box.Upper[i] : box.Lower[i];
                faces[c][i] = 2 * i + (upper ? 1 : 0);
            }
        }
        return new PolytopePiece(corners, faces);
    }

    /// <summary>
    /// The facets: for every constraint whose tight vertices span a face of dimension n - 1, that face as a
    /// polytope of its own (its vertices keep their tight sets, which describe its faces too), with the
    /// outward unit normal and the largest constraint id seen (new splits must use larger ids).
    /// </summary>
    public IEnumerable<(PolytopePiece Facet, double[] OutwardNormal, int LastConstraint)> Facets()
    {
        var n = SpaceDimension;
        var center = new double[n];
        Centroid(center);
        var last = tight.SelectMany(t => t).DefaultIfEmpty(0).Max();
        foreach (var id in tight.SelectMany(t => t).Distinct())
        {
            var members = Enumerable.Range(0, vertices.Length).Where(v => tight[v].Contains(id)).ToArray();
            if (members.Length < n) continue;
            var normal = NormalOf(members.Select(v => vertices[v]).ToArray(), n);
            if (normal is null) continue;
            var side = 0.0;
            for (var i = 0; i < n; i++) side += normal[i] * (center[i] - vertices[members[0]][i]);
            if (side > 0) for (var i = 0; i < n; i++) normal[i] = -normal[i];
            yield return (new PolytopePiece(members.Select(v => vertices[v]).ToArray(), members.Select(v => tight[v]).ToArray()), normal, last);
        }
    }

    /// <summary>The unit normal of the points' affine hull when it has dimension n - 1, else null (a lower-dimensional face).</summary>
    private static double[]? NormalOf(double[][] points, int n)
    {
        // Orthonormalise the differences from the first point (Gram-Schmidt, keeping independent directions).
        var basis = new List<double[]>();
        var scale = 0.0;
        foreach (var p in points)
        {
            for (var i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(p[i] - points[0][i]));
        }
        foreach (var p in points.Skip(1))
        {
            var d = new double[n];
            for (var i = 0; i < n; i++) d[i] = p[i] - points[0][i];
            foreach (var b in basis) Subtract(d, b);
            var norm = Math.Sqrt(d.Sum(x => x * x));
            if (norm <= 1e-9 * scale) continue;
            for (var i = 0; i < n; i++) d[i] /= norm;
            basis.Add(d);
        }
        if (basis.Count != n - 1) return null;
        // The standard axis farthest from the hull's directions gives the normal after projection.
        double[]? best = null;
        var bestNorm = 0.0;
        for (var axis = 0; axis < n; axis++)
        {
            var e = new double[n];
            e[axis] = 1;
            foreach (var b in basis) Subtract(e, b);
            var norm = Math.Sqrt(e.Sum(x => x * x));
            if (norm > bestNorm) (best, bestNorm) = (e, norm);
        }
        for (var i = 0; i < n; i++) best![i] /= bestNorm;
        return best;
    }

    private static void Subtract(double[] v, double[] unit)
    {
        var dot = 0.0;
        for (var i = 0; i < v.Length; i++) dot += v[i] * unit[i];
        for (var i = 0; i < v.Length; i++) v[i] -= dot * unit[i];
    }

    /// <summary>Ids of the constraints tight at vertex <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> Tight(int index) => tight[index];

    public override (ConvexPiece Negative, ConvexPiece Positive) Split(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint) =>
        Split(values, sides, constraint, byMask: true);

    /// <summary>The split with edges tested on sorted tight sets only (the path for pieces on more than 64 constraints); tests compare it with <see cref="Split(ReadOnlySpan{double}, ReadOnlySpan{sbyte}, int)"/>.</summary>
    internal (ConvexPiece Negative, ConvexPiece Positive) SplitBySortedSets(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint) =>
        Split(values, sides, constraint, byMask: false);

    private (ConvexPiece Negative, ConvexPiece Positive) Split(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint, bool byMask)
    {
        if (byMask && Table() is { } known && known.Ids.Length < 64) return PolytopeSplit.ByMask(this, known, values, sides, constraint);
        var negative = new List<(double[], int[])>();
        var positive = new List<(double[], int[])>();
        for (var v = 0; v < vertices.Length; v++)
        {
            if (sides[v] == 0)
            {
                var on = With(tight[v], constraint);
                negative.Add((vertices[v], on));
                positive.Add((vertices[v], on));
            }
            else (sides[v] < 0 ? negative : positive).Add((vertices[v], tight[v]));
        }
        if (byMask && Table() is { } masks) AddCutsByMask(masks, values, sides, constraint, negative, positive);
        else AddCuts(values, sides, constraint, negative, positive);
        return (From(negative), From(positive));
    }

    /// <summary>New vertices where the hyperplane crosses edges, testing edges on the sorted tight sets.</summary>
    private void AddCuts(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint, List<(double[], int[])> negative, List<(double[], int[])> positive)
    {
        var n = SpaceDimension;
        var longest = 0;
        foreach (var t in tight) longest = Math.Max(longest, t.Length);
        var scratch = longest <= 256 ? stackalloc int[256] : new int[longest];
        for (var u = 0; u < vertices.Length; u++)
        {
            if (sides[u] <= 0) continue;
            for (var w = 0; w < vertices.Length; w++)
            {
                if (sides[w] >= 0) continue;
                // An edge lies on at least n - 1 shared constraints: most pairs fail this count, which allocates nothing.
                if (Math.Min(tight[u].Length, tight[w].Length) < n - 1) continue;
                var common = scratch[..Intersect(tight[u], tight[w], scratch)];
                if (common.Length < n - 1 || !IsEdge(u, w, common)) continue;
                var cut = Crossing(vertices[u], vertices[w], values[u], values[w]);
                var on = With(common, constraint);
                negative.Add((cut, on));
                positive.Add((cut, on));
            }
        }
    }

    /// <summary>
    /// The same test on bit masks, when the piece's vertices are tight on at most 64 distinct constraints (the
    /// usual case: a piece has few facets): intersection is an AND, the edge test a mask test per vertex.
    /// </summary>
    private void AddCutsByMask((ulong[] Masks, int[] Ids) table, ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint,
        List<(double[], int[])> negative, List<(double[], int[])> positive)
    {
        var (masks, ids) = table;
        var n = SpaceDimension;
        for (var u = 0; u < vertices.Length; u++)
        {
            if (sides[u] <= 0) continue;
            for (var w = 0; w < vertices.Length; w++)
            {
                if (sides[w] >= 0) continue;
                var common = masks[u] & masks[w];
                if (System.Numerics.BitOperations.PopCount(common) < n - 1) continue;
                var edge = true;
                for (var x = 0; x < masks.Length && edge; x++) edge = x == u || x == w || (common & ~masks[x]) != 0;
                if (!edge) continue;
                var cut = Crossing(vertices[u], vertices[w], values[u], values[w]);
                // Bit order is id order, so the set comes out sorted, and the new id is the largest.
                var on = new int[System.Numerics.BitOperations.PopCount(common) + 1];
                var k = 0;
                for (var bits = common; bits != 0; bits &= bits - 1) on[k++] = ids[System.Numerics.BitOperations.TrailingZeroCount(bits)];
                on[k] = constraint;
                negative.Add((cut, on));
                positive.Add((cut, on));
            }
        }
    }

    /// <summary>The mask table, made once per piece: by the split that made the piece, else from the tight sets.</summary>
    private (ulong[] Masks, int[] Ids)? Table()
    {
        if (!tableKnown)
        {
            table = ConstraintMasks();
            tableKnown = true;
        }
        return table;
    }

    /// <summary>Whether the piece's mask table is what <see cref="ConstraintMasks"/> computes from its tight sets (tests check the split's tables by it).</summary>
    internal bool TableMatchesTightSets()
    {
        var (known, fresh) = (Table(), ConstraintMasks());
        if (known is null || fresh is null) return known is null && fresh is null;
        return known.Value.Masks.AsSpan().SequenceEqual(fresh.Value.Masks) && known.Value.Ids.AsSpan().SequenceEqual(fresh.Value.Ids);
    }

    /// <summary>The split's side of <see cref="PolytopeSplit"/>: a piece from its parts, with its mask table.</summary>
    internal static PolytopePiece WithTable(double[][] vertices, int[][] tight, ulong[] masks, int[] ids) => new(vertices, tight, masks, ids);

    internal double[][] VertexArrays => vertices;

    internal int[][] TightSets => tight;

    /// <summary>Each vertex's tight set as a mask over the piece's distinct constraint ids (sorted), or null when there are more than 64.</summary>
    private (ulong[] Masks, int[] Ids)? ConstraintMasks()
    {
        var total = 0;
        foreach (var t in tight) total += t.Length;
        var all = total <= 1024 ? stackalloc int[total] : new int[total];
        var k = 0;
        foreach (var t in tight)
        {
            t.CopyTo(all[k..]);
            k += t.Length;
        }
        all.Sort();
        var distinct = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (i > 0 && all[i] == all[i - 1]) continue;
            if (distinct == 64) return null;
            all[distinct++] = all[i];
        }
        var ids = all[..distinct].ToArray();
        var masks = new ulong[vertices.Length];
        for (var v = 0; v < masks.Length; v++)
        {
            foreach (var id in tight[v]) masks[v] |= 1UL << Array.BinarySearch(ids, id);
        }
        return (masks, ids);
    }

    private static PolytopePiece From(List<(double[] Point, int[] Tight)> list) =>
        new(list.Select(e => e.Point).ToArray(), list.Select(e => e.Tight).ToArray());

    /// <summary>u and w span an edge iff the smallest face holding both (the constraints they share) holds no other vertex.</summary>
    private bool IsEdge(int u, int w, ReadOnlySpan<int> common)
    {
        for (var x = 0; x < vertices.Length; x++)
        {
            if (x != u && x != w && IsSubset(common, tight[x])) return false;
        }
        return true;
    }

    private static bool IsSubset(ReadOnlySpan<int> small, int[] large)
    {
        int i = 0, j = 0;
        while (i < small.Length)
        {
            while (j < large.Length && large[j] < small[i]) j++;
            if (j == large.Length || large[j] != small[i]) return false;
            i++;
            j++;
        }
        return true;
    }

    /// <summary>Writes the sorted intersection into <paramref name="result"/> (at least as long as the shorter set) and returns its length.</summary>
    private static int Intersect(int[] a, int[] b, Span<int> result)
    {
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { result[k++] = a[i]; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return k;
    }

    /// <summary>Constraint ids only grow, so appending keeps the set sorted.</summary>
    private static int[] With(ReadOnlySpan<int> set, int id)
    {
        var result = new int[set.Length + 1];
        set.CopyTo(result);
        result[^1] = id;
        return result;
    }
}
