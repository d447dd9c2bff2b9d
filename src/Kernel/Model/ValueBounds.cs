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
                        $"layer {l + 1} {(r < layer.UnitRows ? $"unit {r / layer.Rank + 1}" : $"carried row {r - layer.UnitRows + 1}")}: on this box its pre-activation may reach {(Math.Abs(lo) > Math.Abs(hi) ? lo : hi):G3}, beyond the double range, so unit states cannot be decided there; use a smaller box or a shallower network") { Code = RefusalCodes.OutOfRange };
                zLower[r] = lo;
                zUpper[r] = hi;
            }
            (lower, upper) = Activate(layer, zLower, zUpper);
        }
    }

    /// <summary>The range of each output of the layer (its units, then its carried rows) over pre-activations in [lo, hi].</summary>
    internal static (double[] Lower, double[] Upper) Activate(Layer layer, double[] lo, double[] hi)
    {
        var lower = new double[layer.Units];
        var upper = new double[layer.Units];
        var kind = Units.UnitKinds.Of(layer.Activation);
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            // A kind's Range is its image of [lo, hi] (leaky: the hull of both ends and, inside, the kink), right for any finite slope.
            (lower[u], upper[u]) = kind.IsGroup
                ? kind.Range(lo.AsSpan(u * layer.Rank, layer.Rank), hi.AsSpan(u * layer.Rank, layer.Rank))
                : kind.Range(lo[u], hi[u], layer.SlopeOf(u));
        }
        // Carried rows are linear units: their range is their pre-activation's.
        for (var c = 0; c < layer.Carried; c++)
        {
            lower[layer.ActivationUnits + c] = lo[layer.UnitRows + c];
            upper[layer.ActivationUnits + c] = hi[layer.UnitRows + c];
        }
        return (lower, upper);
    }
}
