using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The one definition of a unit's state and output that every evaluator follows
/// (see <c>docs/network-format.md</c>): relu/abs/leaky are on where z &gt; 0; hardtanh is
/// 0 (z &lt; -1), 1 (-1 &lt;= z &lt;= 1) or 2 (z &gt; 1); maxout is the lowest index of its largest entry.
/// </summary>
public static class UnitState
{
    /// <summary>Pre-activation of one row: b + w0 x0 + w1 x1 + ..., fused multiply-adds in column order.</summary>
    /// <remarks>Every evaluator uses exactly this order and FMA policy, so all of them produce identical bits.</remarks>
    public static double PreActivation(ReadOnlySpan<double> row, double bias, ReadOnlySpan<double> input)
    {
        var acc = bias;
        for (var j = 0; j < row.Length; j++) acc = Math.FusedMultiplyAdd(row[j], input[j], acc);
        return acc;
    }

    public static int Binary(double z) => z > 0 ? 1 : 0;

    public static int HardTanh(double z) => z < -1 ? 0 : (z > 1 ? 2 : 1);

    public static double Apply(Activation activation, double z, double slope) => activation switch
    {
        Activation.Linear => z,
        Activation.Relu => z > 0 ? z : 0,
        Activation.LeakyRelu => z > 0 ? z : slope * z,
        Activation.Abs => z > 0 ? z : -z,
        Activation.HardTanh => z < -1 ? -1 : (z > 1 ? 1 : z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), "maxout is applied per group"),
    };

    /// <summary>The lowest index of the largest value (ties go to the lowest index).</summary>
    public static int ArgMax(ReadOnlySpan<double> group)
    {
        var best = 0;
        for (var r = 1; r < group.Length; r++)
        {
            if (group[r] > group[best]) best = r;
        }
        return best;
    }
}
