namespace Regions.Kernel.Statistics;

/// <summary>
/// An orthonormal basis of the directions of a point set's affine hull (Gram-Schmidt on the differences from
/// the first point, dropping a difference that is rounding relative to the set's extent), and distances to it.
/// </summary>
internal sealed class AffineHull
{
    private readonly double[] origin;
    private readonly List<double[]> basis = [];

    public AffineHull(IReadOnlyList<double[]> points)
    {
        origin = points[0];
        var extent = 0.0;
        foreach (var p in points) for (var i = 0; i < p.Length; i++) extent = Math.Max(extent, Math.Abs(p[i] - origin[i]));
        foreach (var p in points)
        {
            var d = Residual(p);
            var norm = Norm(d);
            if (norm <= 1e-9 * extent) continue;
            for (var i = 0; i < d.Length; i++) d[i] /= norm;
            basis.Add(d);
        }
    }

    public int Dimension => basis.Count;

    /// <summary>The part of p - origin orthogonal to the hull: its length is p's distance to the hull.</summary>
    public double[] Residual(ReadOnlySpan<double> p)
    {
        var d = new double[origin.Length];
        for (var i = 0; i < d.Length; i++) d[i] = p[i] - origin[i];
        foreach (var b in basis)
        {
            var dot = 0.0;
            for (var i = 0; i < d.Length; i++) dot += d[i] * b[i];
            for (var i = 0; i < d.Length; i++) d[i] -= dot * b[i];
        }
        return d;
    }

    /// <summary>The extent of the points along the first direction (for a segment: its length).</summary>
    public double Extent(IReadOnlyList<double[]> points)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var p in points)
        {
            var dot = 0.0;
            for (var i = 0; i < p.Length; i++) dot += (p[i] - origin[i]) * basis[0][i];
            (low, high) = (Math.Min(low, dot), Math.Max(high, dot));
        }
        return high - low;
    }

    public static double Norm(ReadOnlySpan<double> v)
    {
        var sum = 0.0;
        foreach (var x in v) sum += x * x;
        return Math.Sqrt(sum);
    }
}
