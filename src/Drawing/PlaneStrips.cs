using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Drawing;

/// <summary>
/// The exact regions of a rectangle of a plane with each region whole, enumerated on the machine's cores: the
/// rectangle is cut into a fixed number of vertical strips (fixed, so the polygons do not depend on the core
/// count), each strip is enumerated on its own, and a region met by several strips is glued back from its pieces.
/// A region is convex, so its pieces in two neighbouring strips share one edge on the line between them; the glued
/// polygon is both pieces' boundaries joined there, without the two ends of that edge where the boundary passes
/// straight through them. Should a piece have no such edge (a sliver at a strip's side), the rectangle is
/// enumerated again as one cell.
/// </summary>
internal static class PlaneStrips
{
    /// <summary>Strips per rectangle: two per core of a 2-core machine, for balance when regions crowd to one side.</summary>
    public const int Strips = 4;

    /// <summary>Every region of the rectangle, or null when it holds more than <paramref name="maxRegions"/>.</summary>
    public static CellEnumeration? Enumerate(Network network, AffineSlice slice, Box box, bool linear, int maxRegions, CancellationToken cancel)
    {
        var parts = new CellEnumeration?[Strips];
        var options = new ParallelOptions { CancellationToken = cancel };
        // The job's domain is the whole rectangle: the tolerances are the same in every strip, and the lines between
        // strips are inner facets, looked across for linear merges.
        try
        {
            Parallel.For(0, Strips, options, s => parts[s] = new PlaneEnumerator(network, slice, box).Enumerate(Strip(box, s), linear, maxRegions, cancel));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A strip's refusal (a region too thin to decide, a budget) is the enumeration's, as one cell would throw it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        if (parts.Any(p => p is null)) return null;
        var glued = Glue(parts!, box);
        if (glued is null) return new PlaneEnumerator(network, slice, box).Enumerate(box, linear, maxRegions, cancel);
        return glued.Regions.Count > maxRegions ? null : glued;
    }

    private static Box Strip(Box box, int s)
    {
        var (lower, upper) = (box.Lower[0], box.Upper[0]);
        var left = s == 0 ? lower : Cut(box, s);
        var right = s == Strips - 1 ? upper : Cut(box, s + 1);
        return new Box([left, box.Lower[1]], [right, box.Upper[1]]);
    }

    /// <summary>The line between strips s - 1 and s (the same double for both).</summary>
    private static double Cut(Box box, int s) => box.Lower[0] + (box.Upper[0] - box.Lower[0]) * s / Strips;

    private static CellEnumeration? Glue(CellEnumeration[] parts, Box box)
    {
        var regions = new List<ExactRegion>();
        var at = new Dictionary<UInt128, int>();
        var tolerance = 1e-12 * Math.Max(box.Upper[0] - box.Lower[0], box.Upper[1] - box.Lower[1]);
        for (var s = 0; s < parts.Length; s++)
        {
            foreach (var region in parts[s].Regions)
            {
                if (!at.TryGetValue(region.Fingerprint, out var index))
                {
                    at[region.Fingerprint] = regions.Count;
                    regions.Add(region);
                    continue;
                }
                var joined = Join(regions[index].Polygon!, region.Polygon!, Cut(box, s), tolerance);
                if (joined is null) return null;
                regions[index] = regions[index] with { Polygon = joined };
            }
        }
        return new CellEnumeration(regions, parts.SelectMany(p => p.Merges).ToArray());
    }

    /// <summary>
    /// The union of the convex polygons <paramref name="left"/> and <paramref name="right"/> (counter-clockwise) that
    /// meet along the line u = <paramref name="cut"/>, or null when either has no edge on it.
    /// </summary>
    internal static (double U, double V)[]? Join(IReadOnlyList<(double U, double V)> left, IReadOnlyList<(double U, double V)> right, double cut, double tolerance)
    {
        // Counter-clockwise, the left piece goes up along the cut and the right piece comes down it.
        var l = EdgeOnCut(left, cut, tolerance, upward: true);
        var r = EdgeOnCut(right, cut, tolerance, upward: false);
        if (l < 0 || r < 0) return null;
        var joined = new List<(double U, double V)>(left.Count + right.Count);
        // From the top of the left piece's cut edge round its far side to the bottom, then from the bottom of the right
        // piece's edge round its far side to just before its top (the same point as where the walk began).
        for (var i = 0; i < left.Count; i++) joined.Add(left[(l + 1 + i) % left.Count]);
        for (var i = 0; i < right.Count - 2; i++) joined.Add(right[(r + 2 + i) % right.Count]);
        // The ends of the cut edge stay only where the boundary turns.
        var kept = new List<(double U, double V)>(joined.Count);
        for (var i = 0; i < joined.Count; i++)
        {
            var p = joined[i];
            var onCut = Math.Abs(p.U - cut) <= tolerance;
            if (onCut && Collinear(joined[(i + joined.Count - 1) % joined.Count], p, joined[(i + 1) % joined.Count], tolerance)) continue;
            kept.Add(p);
        }
        return kept.ToArray();
    }

    /// <summary>The index of the vertex starting the polygon's edge on the cut going up (or down), or -1.</summary>
    private static int EdgeOnCut(IReadOnlyList<(double U, double V)> polygon, double cut, double tolerance, bool upward)
    {
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            if (Math.Abs(a.U - cut) <= tolerance && Math.Abs(b.U - cut) <= tolerance && (b.V > a.V) == upward && a.V != b.V) return i;
        }
        return -1;
    }

    /// <summary>Whether q lies on the segment from p to r, within the tolerance, as a point the boundary passes straight through.</summary>
    private static bool Collinear((double U, double V) p, (double U, double V) q, (double U, double V) r, double tolerance)
    {
        var (dx, dy) = (r.U - p.U, r.V - p.V);
        var length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0) return true;
        var distance = Math.Abs(dx * (q.V - p.V) - dy * (q.U - p.U)) / length;
        return distance <= tolerance;
    }
}
