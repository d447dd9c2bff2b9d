using System.Globalization;

namespace Regions.Kernel.Geometry;

/// <summary>An axis-aligned box [lo_1, hi_1] x ... x [lo_n, hi_n] with lo_i &lt; hi_i, all finite.</summary>
public sealed class Box
{
    public Box(double[] lower, double[] upper)
    {
        if (lower.Length != upper.Length) throw new ArgumentException("lower and upper corners differ in dimension");
        if (lower.Length == 0) throw new ArgumentException("a box needs at least one dimension");
        for (var i = 0; i < lower.Length; i++)
        {
            if (!double.IsFinite(lower[i]) || !double.IsFinite(upper[i])) throw new ArgumentException($"side {i} is not finite");
            if (!(lower[i] < upper[i])) throw new ArgumentException($"side {i}: {lower[i]} is not below {upper[i]}");
            if (!double.IsFinite(upper[i] - lower[i])) throw new ArgumentException($"side {i} is wider than a double can hold");
        }
        Lower = lower;
        Upper = upper;
    }

    public double[] Lower { get; }

    public double[] Upper { get; }

    public int Dimension => Lower.Length;

    public double Width(int axis) => Upper[axis] - Lower[axis];

    public static Box Cube(int dimension, double lower, double upper) =>
        new(Enumerable.Repeat(lower, dimension).ToArray(), Enumerable.Repeat(upper, dimension).ToArray());

    /// <summary>Parses <c>LO:HI[,LO:HI...]</c>; a single side applies to every one of <paramref name="dimension"/> axes.</summary>
    public static Box Parse(string text, int dimension)
    {
        var sides = text.Split(',', StringSplitOptions.TrimEntries);
        if (sides.Length != 1 && sides.Length != dimension)
            throw new FormatException($"box '{text}' has {sides.Length} sides, expected 1 or {dimension} (one per input)");
        var lower = new double[dimension];
        var upper = new double[dimension];
        for (var i = 0; i < dimension; i++)
        {
            var side = sides[sides.Length == 1 ? 0 : i];
            var parts = side.Split(':');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out lower[i])
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out upper[i]))
                throw new FormatException($"box side '{side}' is not of the form LO:HI");
            if (!double.IsFinite(lower[i]) || !double.IsFinite(upper[i]))
                throw new FormatException($"box side '{side}' is not finite");
            if (!(lower[i] < upper[i]))
                throw new FormatException($"box side '{side}': LO must be below HI");
            if (!double.IsFinite(upper[i] - lower[i]))
                throw new FormatException($"box side '{side}' is wider than a double can hold (HI - LO overflows)");
            if (DomainLimits.Problem(lower[i], upper[i]) is { } problem)
                throw new FormatException($"box side '{side}' {problem}");
        }
        return new Box(lower, upper);
    }

    public override string ToString() => string.Join(",", Lower.Select((lo, i) =>
        $"{lo.ToString("R", CultureInfo.InvariantCulture)}:{Upper[i].ToString("R", CultureInfo.InvariantCulture)}"));
}
