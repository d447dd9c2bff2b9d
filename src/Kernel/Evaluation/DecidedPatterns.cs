using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The activation pattern at a point, together with whether double precision decides it. Every value carries a bound
/// on its distance from the exact value at that point: the rounding of each fused multiply-add (at most half a unit in
/// the last place of the running sum) plus the error of the inputs, times the weights. A unit is decided when its pre-activation is farther from its threshold (0,
/// or +-1 for hardtanh) than that bound, and a maxout unit when its winner leads every other row by more than the two
/// bounds together. A decided pattern is the exact pattern of an open neighbourhood of the point, so it belongs to a
/// real full-dimensional region; an undecided one may be an artefact of rounding (near-duplicate units whose order
/// flips with the last bit).
/// <para>
/// The pattern is computed as <see cref="Interpreter"/> computes it (same order, same fused multiply-adds), so it has
/// the same bits as every evaluator's.
/// </para>
/// </summary>
public sealed class DecidedPatterns
{
    /// <summary>The unit roundoff of a double: one rounding to nearest moves a value by at most this, relatively.</summary>
    private const double HalfUlp = 1.1102230246251565e-16;

    /// <summary>Twice the unit roundoff: the margin kept for a subtraction or an activation's own rounding.</summary>
    private const double Ulp = 2 * HalfUlp;

    private readonly Network network;
    private readonly double[] valueA, valueB, errorA, errorB, z, zError;

    /// <summary>Per layer, per row: the first row of its maxout group with the same weights and bias (ties that never flip).</summary>
    private readonly int[][] twin;

    /// <summary>Per layer, per row: the row and its bias are all zero, so its pre-activation is exactly 0 at every point.</summary>
    private readonly bool[][] zero;

    public DecidedPatterns(Network network)
    {
        this.network = network;
        var width = network.MaxRows;
        (valueA, valueB, errorA, errorB, z, zError) = (new double[width], new double[width], new double[width], new double[width], new double[width], new double[width]);
        twin = new int[network.Layers.Count][];
        zero = new bool[network.Layers.Count][];
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            twin[l] = new int[layer.Rows];
            zero[l] = new bool[layer.Rows];
            for (var r = 0; r < layer.Rows; r++)
            {
                zero[l][r] = layer.Biases[r] == 0 && !layer.Row(r).ContainsAnyExcept(0.0);
                twin[l][r] = r;
                var first = r - r % layer.Rank;
                for (var s = first; s < r; s++)
                {
                    if (layer.Biases[s] == layer.Biases[r] && layer.Row(s).SequenceEqual(layer.Row(r)))
                    {
                        twin[l][r] = twin[l][s];
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Writes the pattern at <paramref name="x"/>; false when rounding could have changed some unit's state.</summary>
    public bool TryEvaluate(ReadOnlySpan<double> x, Span<ulong> pattern)
    {
        pattern[..network.Layout.Words].Clear();
        var layout = network.Layout;
        x.CopyTo(valueA);
        // The point itself is where the pattern is asked for: it has no error.
        Array.Clear(errorA, 0, x.Length);
        var (value, error, next, nextError) = (valueA, errorA, valueB, errorB);
        var decided = true;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var columns = layer.Columns;
            for (var r = 0; r < layer.Rows; r++)
            {
                var row = layer.Row(r);
                // UnitState.PreActivation's loop, step by step: each fused multiply-add rounds once, by at most half an
                // ulp of its result, so the rounding of the whole sum is at most half an ulp of each partial sum.
                double sum = layer.Biases[r], rounding = 0, inherited = 0;
                for (var j = 0; j < columns; j++)
                {
                    sum = Math.FusedMultiplyAdd(row[j], value[j], sum);
                    rounding += Math.Abs(sum);
                    inherited += Math.Abs(row[j]) * error[j];
                }
                z[r] = sum;
                // The bound's own arithmetic rounds too: a few per cent of slack covers it.
                zError[r] = 1.0625 * (HalfUlp * rounding + inherited);
            }

            var slot = layout.FirstSlot(l);
            var kind = layer.Kind();
            // A single breakpoint at 0 (relu, leaky, abs): the margin is |z|, and the subtraction z - 0 is exact.
            var atZero = kind.Breakpoints is [0.0];
            for (var u = 0; u < layer.ActivationUnits; u++)
            {
                int state;
                if (kind.IsGroup)
                {
                    var first = u * layer.Rank;
                    state = kind.State(z.AsSpan(first, layer.Rank));
                    var winner = kind.Row(u, layer.Rank, state);
                    next[u] = z[winner];
                    nextError[u] = 0;
                    for (var s = first; s < first + layer.Rank; s++)
                    {
                        nextError[u] = Math.Max(nextError[u], zError[s]);
                        if (s != winner && twin[l][s] != twin[l][winner] && !(z[winner] - z[s] > zError[winner] + zError[s] + Ulp * Math.Abs(z[winner] - z[s])))
                            decided = false;
                    }
                }
                else
                {
                    var (value1, e) = (z[u], zError[u]);
                    state = kind.State(value1);
                    var slope = layer.SlopeOf(u);
                    next[u] = kind.Output(value1, slope);
                    // A PReLU slope above 1 in magnitude scales the inherited error with the value.
                    nextError[u] = e * Math.Max(1, Math.Abs(slope)) + Ulp * Math.Abs(next[u]);
                    if (layer.IsPiecewise && !zero[l][u])
                    {
                        var margin = atZero ? Math.Abs(value1) : Margin(kind, value1);
                        if (!(margin > e)) decided = false;
                    }
                }
                if (layer.IsPiecewise)
                {
                    var (word, shift) = layout.Slots[slot + u];
                    pattern[word] |= (ulong)state << shift;
                }
            }
            // Carried rows are linear units: value and error pass through unchanged, and they decide no state.
            for (var c = 0; c < layer.Carried; c++)
            {
                next[layer.ActivationUnits + c] = z[layer.UnitRows + c];
                nextError[layer.ActivationUnits + c] = zError[layer.UnitRows + c];
            }
            (value, error, next, nextError) = (next, nextError, value, error);
        }
        return decided;
    }

    /// <summary>
    /// The distance from z to the kind's nearest breakpoint, less the rounding of the subtraction z - b (none when b is
    /// 0; at most <see cref="Ulp"/> times |z| + |b| otherwise).
    /// </summary>
    private static double Margin(UnitKind kind, double z)
    {
        var distance = double.PositiveInfinity;
        var reach = 0.0;
        foreach (var b in kind.Breakpoints)
        {
            distance = Math.Min(distance, Math.Abs(z - b));
            reach = Math.Max(reach, Math.Abs(b));
        }
        return reach == 0 ? distance : distance - Ulp * (Math.Abs(z) + reach);
    }
}
