namespace Regions.Kernel.Exact;

/// <summary>A convex polygon of the plane P, vertices counter-clockwise as (u, v) pairs.</summary>
internal sealed class PolygonPiece(double[] coordinates) : ConvexPiece
{
    /// <summary>u0, v0, u1, v1, ...: counter-clockwise.</summary>
    public double[] Coordinates { get; } = coordinates;

    public override int SpaceDimension => 2;

    public override int VertexCount => Coordinates.Length / 2;

    public override ReadOnlySpan<double> Vertex(int index) => Coordinates.AsSpan(2 * index, 2);

    public static PolygonPiece Rectangle(double u0, double u1, double v0, double v1) => new([u0, v0, u1, v0, u1, v1, u0, v1]);

    public override (ConvexPiece Negative, ConvexPiece Positive) Split(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint)
    {
        // Walk the boundary once (Sutherland-Hodgman against both half-planes); orientation is preserved.
        var n = VertexCount;
        var negative = new List<double>(2 * n + 4);
        var positive = new List<double>(2 * n + 4);
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            var vertex = Vertex(i);
            if (sides[i] <= 0) { negative.Add(vertex[0]); negative.Add(vertex[1]); }
            if (sides[i] >= 0) { positive.Add(vertex[0]); positive.Add(vertex[1]); }
            if (sides[i] * sides[j] < 0)
            {
                var cut = Crossing(vertex, Vertex(j), values[i], values[j]);
                negative.Add(cut[0]); negative.Add(cut[1]);
                positive.Add(cut[0]); positive.Add(cut[1]);
            }
        }
        return (new PolygonPiece(negative.ToArray()), new PolygonPiece(positive.ToArray()));
    }
}
