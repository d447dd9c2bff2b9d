namespace Regions.Kernel.Evaluation;

/// <summary>
/// The pre-activation every evaluator computes the same way. A unit's state and output are defined per activation
/// kind in <see cref="Model.Units.UnitKind"/>.
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
}
