namespace Regions.Drawing;

/// <summary>A rectangle of a plane in input space: x = Origin + u U + v V for (u, v) in [U0, U1] x [V0, V1].</summary>
public sealed record PlaneSlice(double[] Origin, double[] U, double[] V, double U0, double U1, double V0, double V1)
{
    /// <summary>The plane of the first two inputs (others held at 0).</summary>
    public static PlaneSlice Axes(int inputs, double u0, double u1, double v0, double v1)
    {
        if (inputs < 2) throw new ArgumentException("a plane needs at least two inputs", nameof(inputs));
        var u = new double[inputs];
        var v = new double[inputs];
        u[0] = 1;
        v[1] = 1;
        return new PlaneSlice(new double[inputs], u, v, u0, u1, v0, v1);
    }

    public void Point(double s, double t, Span<double> x)
    {
        for (var j = 0; j < x.Length; j++) x[j] = Origin[j] + s * U[j] + t * V[j];
    }
}
