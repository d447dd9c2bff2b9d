using Regions.Kernel.Evaluation;

namespace Regions.Drawing;

/// <summary>
/// The zero level set of one output: within a region the output is affine over (u, v), so its zero set there is a
/// line clipped to the region's convex polygon, a segment, exact up to rounding. Their union over the regions is the
/// decision boundary of that output on the plane.
/// </summary>
public static class ZeroSet
{
    public static List<PlaneSegment> Of(IReadOnlyList<PlaneRegion> regions, int output)
    {
        var segments = new List<PlaneSegment>();
        foreach (var region in regions)
        {
            if (Clip(region.Polygon, region.Outputs[output]) is { } segment) segments.Add(segment);
        }
        return segments;
    }

    /// <summary>
    /// The part of f = 0 inside the polygon, or null. Vertices are split into f &gt; 0 and f &lt;= 0, so a convex
    /// polygon's boundary changes side exactly twice or never; a map constant on the region (zero gradient) has no line.
    /// </summary>
    public static PlaneSegment? Clip(IReadOnlyList<(double U, double V)> polygon, AffineMap map)
    {
        if (map.Gradient[0] == 0 && map.Gradient[1] == 0) return null;
        var values = polygon.Select(p => map.Gradient[0] * p.U + map.Gradient[1] * p.V + map.Offset).ToArray();
        var crossings = new List<(double U, double V)>(2);
        for (var i = 0; i < polygon.Count && crossings.Count < 2; i++)
        {
            var j = (i + 1) % polygon.Count;
            if (values[i] > 0 == values[j] > 0) continue;
            var t = values[i] / (values[i] - values[j]);
            crossings.Add((polygon[i].U + t * (polygon[j].U - polygon[i].U), polygon[i].V + t * (polygon[j].V - polygon[i].V)));
        }
        return crossings.Count == 2 ? new PlaneSegment(crossings[0].U, crossings[0].V, crossings[1].U, crossings[1].V) : null;
    }
}
