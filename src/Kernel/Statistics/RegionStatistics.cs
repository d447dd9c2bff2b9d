using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;

namespace Regions.Kernel.Statistics;

/// <summary>
/// Distributions over the activation regions of a domain: their d-measure (1-D length, 2-D area, n-D volume, in
/// the enumeration's coordinates), facets and inradius, and how many regions the decision boundary crosses
/// (each crossing is one piece of the boundary: the boundary is affine inside a region).
/// </summary>
public sealed record RegionStatistics(int Regions, int Dimension, double DomainMeasure, double TotalMeasure,
    Distribution Measure, Distribution Facets, Distribution Inradius, int BoundaryPieces, string Boundary)
{
    public string MeasureName => Dimension switch { 1 => "length", 2 => "area", _ => "volume" };

    /// <param name="regions">Whole regions (the domain enumerated as one cell), one entry each.</param>
    public static RegionStatistics Of(IReadOnlyList<ShapedRegion> regions, Box domain, int outputs)
    {
        var domainMeasure = 1.0;
        for (var i = 0; i < domain.Dimension; i++) domainMeasure *= domain.Width(i);
        var shapes = regions.Select(r => r.Shape).ToArray();
        return new RegionStatistics(regions.Count, domain.Dimension, domainMeasure, shapes.Sum(s => s.Measure),
            Distribution.Of(shapes.Select(s => s.Measure)),
            Distribution.Of(shapes.Select(s => (double)s.Facets)),
            Distribution.Of(shapes.Select(s => s.Inradius)),
            regions.Count(r => DecisionBoundary.Crosses(r.Shape.Vertices, r.Region.Outputs)),
            BoundaryOf(outputs));
    }

    private static string BoundaryOf(int outputs) => outputs switch
    {
        1 => "zero set of the output",
        2 => "zero set of output 1 - output 2",
        _ => $"where the argmax of the {outputs} outputs changes",
    };
}
