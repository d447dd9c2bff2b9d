using System.Globalization;

namespace Regions.Kernel.Geometry;

/// <summary>
/// The numeric range of every counting or picture domain (a box, meta.domain, a segment's parameters), checked in
/// this one place by every verb and the API. Within it the products the kernels form (weight times coordinate,
/// width times a cell index up to 10^7, squared distances of box corners) stay far from overflow and underflow,
/// so a job either runs or is refused here, never fails later inside a cell.
/// </summary>
public static class DomainLimits
{
    /// <summary>Largest magnitude of a box coordinate.</summary>
    public const double MaxCoordinate = 1e150;

    /// <summary>Smallest width of a box side.</summary>
    public const double MinWidth = 1e-150;

    /// <summary>What is wrong with the side [lower, upper], or null when it is within range.</summary>
    public static string? Problem(double lower, double upper)
    {
        if (!(lower < upper)) return "LO must be below HI";
        if (!(Math.Abs(lower) <= MaxCoordinate && Math.Abs(upper) <= MaxCoordinate))
            return $"reaches beyond the supported coordinates -{Show(MaxCoordinate)}..{Show(MaxCoordinate)}";
        if (!(upper - lower >= MinWidth))
            return $"is narrower than the supported width {Show(MinWidth)}";
        return null;
    }

    /// <summary>Refuses a box with a side out of range, naming <paramref name="what"/> and the side (1-based).</summary>
    public static Box Check(Box box, string what)
    {
        for (var i = 0; i < box.Dimension; i++)
        {
            if (Problem(box.Lower[i], box.Upper[i]) is { } problem)
                throw new InvalidRequestException($"{what}: side {i + 1} ({Show(box.Lower[i])}:{Show(box.Upper[i])}) {problem}");
        }
        return box;
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "e").Replace("E-", "e-");
}
