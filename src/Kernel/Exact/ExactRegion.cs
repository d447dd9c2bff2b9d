using Regions.Kernel.Evaluation;

namespace Regions.Kernel.Exact;

/// <summary>
/// One activation region met by exact enumeration inside one cell: its packed pattern (as
/// <see cref="Model.PatternLayout"/>), the pattern's fingerprint, a point strictly inside the region and the
/// cell, and the affine output map that holds throughout the region.
/// </summary>
public sealed record ExactRegion(ulong[] Pattern, UInt128 Fingerprint, double[] InteriorPoint, AffineMap[] Outputs)
{
    /// <summary>2-D only: the region's piece in the cell, vertices counter-clockwise, in the enumerator's plane coordinates.</summary>
    public IReadOnlyList<(double U, double V)>? Polygon { get; init; }

    /// <summary>1-D only: the region's piece of the cell as a parameter interval [T0, T1].</summary>
    public (double T0, double T1)? Interval { get; init; }

    /// <summary>
    /// When enumerated for comparing maps: the size of the terms behind each coefficient of <see cref="Outputs"/>
    /// (output by output, gradient then offset), the scale <see cref="OutputMapEquality"/> compares them at.
    /// </summary>
    public double[]? MapSizes { get; init; }

    /// <summary>The output maps flat, output by output: gradient entries then offset (the layout of <see cref="MapSizes"/>).</summary>
    public double[] FlatOutputs() => Outputs.SelectMany(m => m.Gradient.Append(m.Offset)).ToArray();
}

/// <summary>Two regions that share a facet and have the same affine output map: one linear region.</summary>
public readonly record struct LinearMerge(UInt128 A, UInt128 B);

/// <summary>Everything exact enumeration found in one cell: memory is proportional to this cell's regions only.</summary>
public sealed class CellEnumeration(IReadOnlyList<ExactRegion> regions, IReadOnlyList<LinearMerge> merges)
{
    public IReadOnlyList<ExactRegion> Regions { get; } = regions;

    /// <summary>Pairs of adjacent regions with equal output maps (only filled when linear regions were asked for).</summary>
    public IReadOnlyList<LinearMerge> Merges { get; } = merges;
}

/// <summary>
/// Enumerates every activation region that meets a cell in a full-dimensional set. Implementations: 1-D
/// segments, 2-D planes, n-D boxes. Not thread-safe: one per thread, like the evaluators.
/// </summary>
public interface ICellEnumerator
{
    CellEnumeration Enumerate(Geometry.Box cell, bool linearMerges, CancellationToken cancel);

    /// <summary>
    /// The counting path: the fingerprint of every activation region that meets the cell, handed over as it
    /// is met and not kept, so a cell's memory is its pieces in flight plus the caller's set. Same regions as
    /// <see cref="Enumerate"/>.
    /// </summary>
    void Fingerprints(Geometry.Box cell, Action<UInt128> found, CancellationToken cancel);

    /// <summary>
    /// Every activation pattern realised in the closed cell: the regions' patterns and those of the lower-dimensional
    /// faces of every dimension between them (see <see cref="FacePatterns"/>), as fingerprints, repeats included.
    /// </summary>
    void Patterns(Geometry.Box cell, Action<UInt128> found, CancellationToken cancel);
}
