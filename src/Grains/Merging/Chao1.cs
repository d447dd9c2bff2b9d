namespace Regions.Grains.Merging;

/// <summary>
/// Chao's (1984, 1987) estimate of the number of classes including unseen ones, from the classes seen
/// once (f1) and twice (f2), with the usual log-normal 95% interval. For region counting it says how
/// many regions the samples probably missed; regions of very unequal volume bias it low, so it is an
/// estimate, not a bound.
/// </summary>
public readonly record struct Chao1(double Estimate, double Lower, double Upper)
{
    public static Chao1 From(long observed, long f1, long f2)
    {
        double s = observed;
        // Bias-corrected form when f2 = 0 (Chao 2005).
        var unseen = f2 > 0 ? f1 * (double)f1 / (2.0 * f2) : f1 * (f1 - 1.0) / 2.0;
        if (f1 == 0 || unseen <= 0) return new Chao1(s, s, s);
        double variance;
        if (f2 > 0)
        {
            var r = f1 / (double)f2;
            variance = f2 * (0.25 * Math.Pow(r, 4) + Math.Pow(r, 3) + 0.5 * r * r);
        }
        else
        {
            variance = Math.Max(0, f1 * (f1 - 1) / 2.0 + f1 * Math.Pow(2.0 * f1 - 1, 2) / 4.0 - Math.Pow(f1, 4) / (4.0 * (s + unseen)));
        }
        var c = Math.Exp(1.96 * Math.Sqrt(Math.Log(1 + variance / (unseen * unseen))));
        return new Chao1(s + unseen, s + unseen / c, s + unseen * c);
    }
}
