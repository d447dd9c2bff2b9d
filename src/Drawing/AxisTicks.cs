using System.Globalization;

namespace Regions.Drawing;

/// <summary>Round tick values for an axis (steps of 1, 2 or 5 times a power of ten) and their labels.</summary>
public static class AxisTicks
{
    public static IReadOnlyList<double> For(double lo, double hi, int most = 10)
    {
        var raw = (hi - lo) / most;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        var ticks = new List<double>();
        for (var k = Math.Ceiling(lo / step); k * step <= hi + 1e-9 * step; k++) ticks.Add(k * step);
        return ticks;
    }

    /// <summary>As many decimals as the step needs, so 0.25 reads 0.25 and 1e-5 steps do not read 0.</summary>
    public static string Label(double value, double step)
    {
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        if (decimals > 8 || Math.Abs(value) >= 1e7) return value.ToString("G4", CultureInfo.InvariantCulture);
        var text = value.ToString("F" + decimals, CultureInfo.InvariantCulture);
        return text.TrimStart('-').Trim('0', '.').Length == 0 ? "0" : text;
    }
}
