namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// A bound Slope * X + Offset on a non-negative quantity, where X is a batch's largest input magnitude (see
/// docs/precision.md). Both parts are non-negative and every operation rounds up (one ulp after each
/// round-to-nearest operation), so the computed bound is never below the true one.
/// </summary>
internal readonly record struct Bound(double Slope, double Offset)
{
    public static readonly Bound Zero = new(0, 0);

    public static Bound operator +(Bound a, Bound b) => new(UpAdd(a.Slope, b.Slope), UpAdd(a.Offset, b.Offset));

    /// <summary>c times the bound, for c &gt;= 0.</summary>
    public Bound Times(double c) => new(UpMul(c, Slope), UpMul(c, Offset));

    public Bound Plus(double constant) => new(Slope, UpAdd(Offset, constant));

    /// <summary>A bound on the larger of two quantities (X &gt;= 0, so part by part).</summary>
    public static Bound Max(Bound a, Bound b) => new(Math.Max(a.Slope, b.Slope), Math.Max(a.Offset, b.Offset));

    /// <summary>The bound's value at X, rounded up.</summary>
    public double At(double x) => UpAdd(UpMul(Slope, x), Offset);

    public static double UpAdd(double a, double b) => Math.BitIncrement(a + b);

    public static double UpMul(double a, double b) => Math.BitIncrement(a * b);
}
