using Regions.Kernel.Geometry;

namespace Regions.Kernel.Exact;

/// <summary>
/// The tolerance policy of exact enumeration, in one place. Every threshold is relative, so a count does not
/// change when a unit's row and bias are multiplied by c &gt; 0 and the next layer's column by 1/c, when the
/// domain is split into more or fewer cells, or when units are permuted.
/// <list type="bullet">
/// <item>The network is first rescaled by <see cref="UnitScaling"/>: every homogeneous unit's row has its
/// largest entry between 1 and 2, exactly (powers of two), whatever the scale of the weights.</item>
/// <item>A vertex of a piece lies on a unit's hyperplane g.y + c = 0 when its distance |f| / |g| to it is at
/// most <see cref="Distance"/>: <see cref="Relative"/> times the diameter of the job's domain (not the cell's:
/// the decision must not depend on the cell count), plus a few units in the last place of the domain's largest
/// coordinate (the rounding of vertex coordinates themselves). Incidences (concurrent or coincident
/// hyperplanes, duplicate units, hyperplanes through box corners, maxout ties) are therefore exact.</item>
/// <item>A vertex farther than <see cref="Undecided"/> times that distance is strictly on its side. One in
/// between is a region too thin for double precision to tell from rounding: the count stops with an error
/// naming the unit (exit 2) rather than print a number that could be wrong.</item>
/// <item>Every unit's value (and every gap between two maxout pieces) carries the size of the terms it was
/// summed from, through all layers (the root of the sum of squares of weight times input size, and bias). A vertex whose value is off the
/// hyperplane by the distance above but within <see cref="Rounding"/> of that size has a sign decided by
/// rounding alone (units that nearly cancel, or maxout pieces that nearly duplicate each other): the count
/// stops naming the unit. A value of exactly zero (a zero row, exact duplicates) is a tie, not noise.</item>
/// <item>A unit's state in a piece is decided by its kind's rule (<see cref="Model.Units.UnitKind.State{TSide}"/>: z &gt; 0 is on,
/// maxout ties to the lowest index) at the piece's vertex centroid, strictly inside it; when a facet is refined
/// to find the regions across it, a value on the facet takes the side of its derivative along the outward
/// normal.</item>
/// <item>Two output maps are equal (merging activation regions into linear regions) when their difference,
/// over the domain, is at most <see cref="MapRelative"/> times the size of the terms the maps were summed from
/// (carried through every layer as above): that size sets the scale of their rounding even where terms cancel. A difference
/// between that and <see cref="Undecided"/> times it stops the count like a thin region.</item>
/// </list>
/// </summary>
public static class ExactTolerance
{
    /// <summary>Distance to a hyperplane, relative to the domain's diameter, within which a vertex lies on it.</summary>
    public const double Relative = 1e-14;

    /// <summary>Between the tolerance and this multiple of it, double precision cannot decide: the count stops.</summary>
    public const double Undecided = 16;

    /// <summary>
    /// A value within this fraction of the size of its terms (about 450 ulps: sums of hundreds of terms, and the
    /// drift of incremental updates) may have its sign set by rounding.
    /// </summary>
    public const double Rounding = 1e-13;

    /// <summary>Difference of two output maps, relative to the size of their terms, within which they are equal.</summary>
    public const double MapRelative = 1e-11;

    /// <summary>Rounding of vertex coordinates, in units of the domain's largest coordinate (about 2^12 ulps).</summary>
    private const double CoordinateRounding = 1e-14;

    /// <summary>Input dimensions beyond this are refused for box enumeration (a box has 2^n corners).</summary>
    public const int MaxBoxDimension = 10;

    /// <summary>The distance within which a vertex lies on a hyperplane, for a job whose domain (in the enumeration's parameters) is <paramref name="domain"/>.</summary>
    public static double Distance(Box domain)
    {
        double widest = 0, largest = 0;
        for (var i = 0; i < domain.Dimension; i++)
        {
            widest = Math.Max(widest, domain.Width(i));
            largest = Math.Max(largest, Math.Max(Math.Abs(domain.Lower[i]), Math.Abs(domain.Upper[i])));
        }
        // The diameter, with widths divided by the widest first so that their squares cannot overflow.
        var squares = 0.0;
        for (var i = 0; i < domain.Dimension; i++) squares += (domain.Width(i) / widest) * (domain.Width(i) / widest);
        return Relative * widest * Math.Sqrt(squares) + CoordinateRounding * largest;
    }
}
