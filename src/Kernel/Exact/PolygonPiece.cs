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
        int negativeCount = 0, positiveCount = 0;
        for (var i = 0; i < n; i++)
        {
            var crossing = sides[i] * sides[i + 1 == n ? 0 : i + 1] < 0 ? 1 : 0;
            negativeCount += (sides[i] <= 0 ? 1 : 0) + crossing;
            positiveCount += (sides[i] >= 0 ? 1 : 0) + crossing;
        }
        var negative = new double[2 * negativeCount];
        var positive = new double[2 * positiveCount];
        int a = 0, b = 0;
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            var (u, v) = (Coordinates[2 * i], Coordinates[2 * i + 1]);
            if (sides[i] <= 0) { negative[a++] = u; negative[a++] = v; }
            if (sides[i] >= 0) { positive[b++] = u; positive[b++] = v; }
            if (sides[i] * sides[j] < 0)
            {
                var t = values[i] / (values[i] - values[j]);
                var cu = u + (Coordinates[2 * j] - u) * t;
                var cv = v + (Coordinates[2 * j + 1] - v) * t;
                negative[a++] = cu; negative[a++] = cv;
                positive[b++] = cu; positive[b++] = cv;
            }
        }
        return (new PolygonPiece(negative), new PolygonPiece(positive));
    }
}
