namespace Regions.Kernel.Exact;

/// <summary>
/// A segment [a, b] of P: the 1-D pieces of a segment enumeration (P = the parameter t), and the edges of
/// polygons refined to find their neighbours (P = the plane). A single point (a = b) never splits.
/// </summary>
internal sealed class IntervalPiece(double[] a, double[] b) : ConvexPiece
{
    public double[] A { get; } = a;

    public double[] B { get; } = b;

    public override int SpaceDimension => A.Length;

    public override int VertexCount => 2;

    public override ReadOnlySpan<double> Vertex(int index) => index == 0 ? A : B;

    public override (ConvexPiece Negative, ConvexPiece Positive) Split(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint)
    {
        var cut = Crossing(A, B, values[0], values[1]);
        var first = new IntervalPiece(A, cut);
        var second = new IntervalPiece(cut, B);
        return sides[0] < 0 ? (first, second) : (second, first);
    }
}
