namespace Regions.Kernel.Exact;

/// <summary>
/// A convex piece of the enumeration's parameter space P (the segment's t, the plane's (u, v), or the
/// input box itself), known by its vertices. The subdivision engine evaluates affine functions at the
/// vertices and asks the piece to split itself; how depends on the dimension.
/// </summary>
internal abstract class ConvexPiece
{
    /// <summary>Dimension of the parameter space P the vertices live in.</summary>
    public abstract int SpaceDimension { get; }

    public abstract int VertexCount { get; }

    /// <summary>Vertex <paramref name="index"/>'s coordinates in P.</summary>
    public abstract ReadOnlySpan<double> Vertex(int index);

    /// <summary>
    /// Splits the piece along f = 0, given f at every vertex and each vertex's side (-1, 0 on the
    /// hyperplane within tolerance, +1). Called only when some vertex is strictly on each side.
    /// </summary>
    public abstract (ConvexPiece Negative, ConvexPiece Positive) Split(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint);

    private double[]? center;
    private double radius;

    /// <summary>
    /// The vertex centroid and the largest distance from it to a vertex: a ball holding the piece, so a
    /// hyperplane farther than the radius from the center is decided with one evaluation instead of one per vertex.
    /// </summary>
    public (double[] Center, double Radius) Ball()
    {
        if (center is null)
        {
            var c = new double[SpaceDimension];
            Centroid(c);
            var r2 = 0.0;
            for (var v = 0; v < VertexCount; v++)
            {
                var vertex = Vertex(v);
                var sum = 0.0;
                for (var i = 0; i < c.Length; i++) sum += (vertex[i] - c[i]) * (vertex[i] - c[i]);
                r2 = Math.Max(r2, sum);
            }
            radius = Math.Sqrt(r2) * (1 + 1e-12);
            center = c;
        }
        return (center, radius);
    }

    /// <summary><see cref="Centroid"/>, copied from the ball when <see cref="Ball"/> already took it (the same bits).</summary>
    public void Center(Span<double> point)
    {
        if (center is null) Centroid(point);
        else center.CopyTo(point);
    }

    /// <summary>The average of the vertices: strictly inside a full-dimensional piece.</summary>
    public void Centroid(Span<double> point)
    {
        point.Clear();
        for (var v = 0; v < VertexCount; v++)
        {
            var vertex = Vertex(v);
            for (var i = 0; i < point.Length; i++) point[i] += vertex[i];
        }
        for (var i = 0; i < point.Length; i++) point[i] /= VertexCount;
    }

    /// <summary>The point on segment a-b where f changes sign: a + (b - a) fa / (fa - fb).</summary>
    internal static double[] Crossing(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double fa, double fb)
    {
        var s = fa / (fa - fb);
        var point = new double[a.Length];
        for (var i = 0; i < a.Length; i++) point[i] = a[i] + (b[i] - a[i]) * s;
        return point;
    }
}
