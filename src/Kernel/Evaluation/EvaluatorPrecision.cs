namespace Regions.Kernel.Evaluation;

/// <summary>
/// How an evaluator computes. Both give the same patterns bit for bit (the double semantics of
/// <see cref="UnitState"/>); they differ only in speed. See docs/precision.md.
/// </summary>
public enum EvaluatorPrecision
{
    /// <summary>Float first, twice the points per vector; the points with a pre-activation too near a breakpoint for the float error bound are recomputed in double.</summary>
    FloatScreened,

    /// <summary>Every point in double: the specification's arithmetic, and the baseline the screened path is measured against.</summary>
    Double,
}
