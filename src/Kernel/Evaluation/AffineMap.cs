namespace Regions.Kernel.Evaluation;

/// <summary>An affine function x -> u.x + c of the network's input.</summary>
public sealed record AffineMap(double[] Gradient, double Offset)
{
    public double At(ReadOnlySpan<double> x)
    {
        var value = Offset;
        for (var j = 0; j < Gradient.Length; j++) value += Gradient[j] * x[j];
        return value;
    }
}
