namespace Regions.Kernel.Statistics;

/// <summary>
/// Count, extremes, quartiles and mean of a sample. Quartiles interpolate linearly between order statistics
/// (position q (n - 1) in the sorted sample), the rule of numpy's default and R's type 7.
/// </summary>
public sealed record Distribution(int Count, double Min, double LowerQuartile, double Median, double UpperQuartile, double Mean, double Max)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        if (sorted.Length == 0) return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(sorted);
        return new Distribution(sorted.Length, sorted[0], Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), sorted.Average(), sorted[^1]);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
