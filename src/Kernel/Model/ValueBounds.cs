using Regions.Kernel.Geometry;

namespace Regions.Kernel.Model;

/// <summary>
/// Interval bounds of every pre-activation over a box of inputs (interval arithmetic, layer by layer): where
/// they stay finite no evaluation on the box can overflow, so a sign decided by an evaluator is the true one.
/// </summary>
public static class ValueBounds
{
    /// <summary>Beyond this a sum of a few such terms may overflow to infinity.</summary>
    private const double Largest = 1e300;

    /// <summary>Refuses, naming the first layer that may leave the double range on the box, a network whose evaluation could overflow there.</summary>
    public static void CheckFinite(Network network, Box box)
    {
        var lower = box.Lower.ToArray();
        var upper = box.Upper.ToArray();
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var zLower = new double[layer.Rows];
            var zUpper = new double[layer.Rows];
            for (var r = 0; r < layer.Rows; r++)
            {
                double lo = layer.Biases[r], hi = layer.Biases[r];
                var row = layer.Row(r);
                for (var k = 0; k < row.Length; k++)
                {
                    var w = row[k];
                    lo += w >= 0 ? w * lower[k] : w * upper[k];
                    hi += w >= 0 ? w * upper[k] : w * lower[k];
                }
                if (!(Math.Abs(lo) <= Largest && Math.Abs(hi) <= Largest))
                    throw new InvalidRequestException(
                        $"layer {l + 1} unit {r / layer.Rank + 1}: on this box its pre-activation may reach {(Math.Abs(lo) > Math.Abs(hi) ? lo : hi):G3}, beyond the double range, so unit states cannot be decided there; use a smaller box or a shallower network") { Code = RefusalCodes.OutOfRange };
                zLower[r] = lo;
                zUpper[r] = hi;
            }
            (lower, upper) = Activate(layer, zLower, zUpper);
        }
    }

    private static (double[] Lower, double[] Upper) Activate(Layer layer, double[] lo, double[] hi)
    {
        var lower = new double[layer.Units];
        var upper = new double[layer.Units];
        for (var u = 0; u < layer.Units; u++)
        {
            if (layer.Activation == Activation.Maxout)
            {
                lower[u] = double.NegativeInfinity;
                upper[u] = double.NegativeInfinity;
                for (var r = u * layer.Rank; r < (u + 1) * layer.Rank; r++)
                {
                    lower[u] = Math.Max(lower[u], lo[r]);
                    upper[u] = Math.Max(upper[u], hi[r]);
                }
                continue;
            }
            var (a, b) = (lo[u], hi[u]);
            (lower[u], upper[u]) = layer.Activation switch
            {
                Activation.Relu => (Math.Max(a, 0), Math.Max(b, 0)),
                Activation.LeakyRelu => Hull(layer.Slope * Math.Min(a, 0) + Math.Max(a, 0), layer.Slope * Math.Min(b, 0) + Math.Max(b, 0), a < 0 && b > 0),
                Activation.Abs => (a > 0 ? a : (b < 0 ? -b : 0), Math.Max(-a, b)),
                Activation.HardTanh => (Math.Clamp(a, -1, 1), Math.Clamp(b, -1, 1)),
                _ => (a, b),
            };
        }
        return (lower, upper);
    }

    /// <summary>The range of a function linear on each side of 0 (any slope sign) over [a, b], from its ends and, when 0 is inside, its kink.</summary>
    private static (double, double) Hull(double atA, double atB, bool kinkInside) =>
        kinkInside ? (Math.Min(Math.Min(atA, atB), 0), Math.Max(Math.Max(atA, atB), 0)) : (Math.Min(atA, atB), Math.Max(atA, atB));
}
