namespace Regions.Kernel.Exact;

/// <summary>
/// The tolerance policy of exact enumeration, in one place.
/// <para>
/// Geometry is computed in doubles, so "exact" means: every region whose extent across each of its
/// bounding hyperplanes exceeds <see cref="Relative"/> times the diameter of the root piece (the cell, or the
/// segment or facet being refined) is found, with the pattern that the network's own evaluators report at
/// points inside it; features thinner than that are not resolved. Concretely, when a piece is split by a
/// unit's zero set f(y) = g.y + c, a vertex counts as lying on the hyperplane when
/// |f(vertex)| &lt;= Relative * |g| * diameter. The piece is split only when vertices lie strictly on both
/// sides; otherwise it stays whole. Hyperplanes through vertices, coincident or parallel hyperplanes,
/// duplicate units, zero rows (g = 0: the unit is constant on the piece) and maxout ties (identical rows)
/// therefore never create empty or sliver pieces.
/// </para>
/// <para>
/// A unit's state in a piece is decided by <see cref="Evaluation.UnitState"/>'s rule (z &gt; 0 is on,
/// ties in a maxout unit go to the lowest index) applied to its affine map at the piece's vertex centroid,
/// which lies strictly inside the piece. When a piece lies on a hyperplane by construction (a facet refined
/// to find the regions on its far side), a value within the tolerance is decided by the sign of its
/// derivative along the outward normal instead: the pattern just across the facet.
/// </para>
/// <para>
/// Two affine output maps are equal (for merging activation regions into linear regions) when every
/// gradient entry and offset agree within <see cref="MapRelative"/> times the largest magnitude among them
/// (plus the same absolute amount), because maps reached through different regions are composed with
/// different rounding.
/// </para>
/// </summary>
public static class ExactTolerance
{
    /// <summary>Distance to a hyperplane, relative to the root piece's diameter, below which a vertex lies on it.</summary>
    public const double Relative = 1e-9;

    /// <summary>Relative agreement of two affine output maps that counts as equal.</summary>
    public const double MapRelative = 1e-9;

    /// <summary>Input dimensions beyond this are refused for box enumeration (a box has 2^n corners).</summary>
    public const int MaxBoxDimension = 10;
}
