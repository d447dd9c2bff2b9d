using Regions.Kernel.Geometry;

namespace Regions.Drawing;

/// <summary>A segment in (u, v).</summary>
public readonly record struct PlaneSegment(double U0, double V0, double U1, double V1);

/// <summary>
/// The boundaries between regions of different keys, as segments: where two regions of the same key meet (pieces of
/// one linear region, or regions that differ only after the layer drawn) no line is drawn.
/// <para>
/// Polygon edges are grouped by the line they lie on; along each line the stretches covered by a region on the left
/// and one on the right are compared, so an edge that meets several neighbours (a T-junction: the far side is cut
/// differently) is drawn exactly where the keys differ. Edges on the rectangle's sides are the frame, not boundaries.
/// Lines within a relative 1e-7 of each other count as one; a stretch whose other side is not found is drawn, so
/// rounding can only add a stroke below a pixel, never hide a boundary.
/// </para>
/// </summary>
public static class BoundaryTracer
{
    private const double Tolerance = 1e-7;

    private readonly record struct Edge(double Angle, double Offset, double S0, double S1, bool Left, UInt128 Key);

    public static List<PlaneSegment> Trace(IReadOnlyList<PlaneRegion> regions, Box box)
    {
        var scale = Math.Max(Math.Max(box.Upper[0] - box.Lower[0], box.Upper[1] - box.Lower[1]),
            Math.Max(Math.Max(Math.Abs(box.Lower[0]), Math.Abs(box.Upper[0])), Math.Max(Math.Abs(box.Lower[1]), Math.Abs(box.Upper[1]))));
        var tolerance = Tolerance * scale;
        var edges = new List<Edge>();
        foreach (var region in regions)
        {
            var polygon = region.Polygon;
            for (var i = 0; i < polygon.Count; i++)
            {
                var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
                if (OnFrame(a, b, box, tolerance) || Math.Abs(b.U - a.U) + Math.Abs(b.V - a.V) <= tolerance) continue;
                edges.Add(EdgeOf(a, b, region.Key));
            }
        }
        var segments = new List<PlaneSegment>();
        foreach (var line in Lines(edges, tolerance)) Sweep(line, tolerance, segments);
        return segments;
    }

    /// <summary>
    /// An edge a-b of a counter-clockwise polygon (its region on the left) on its line: the direction made canonical
    /// (angle in (-pi/2, pi/2]), the offset along the normal, the interval along the direction and which side the region is on.
    /// </summary>
    private static Edge EdgeOf((double U, double V) a, (double U, double V) b, UInt128 key)
    {
        var (du, dv) = (b.U - a.U, b.V - a.V);
        var length = Math.Sqrt(du * du + dv * dv);
        (du, dv) = (du / length, dv / length);
        var left = true;
        if (du < 0 || (du == 0 && dv < 0)) (du, dv, left) = (-du, -dv, false);
        var angle = Math.Atan2(dv, du);
        // Nearly vertical lines pointing down are turned up, so one vertical line never has two angles pi apart.
        if (angle < -Math.PI / 2 + Tolerance) (du, dv, left, angle) = (-du, -dv, !left, angle + Math.PI);
        var (mu, mv) = ((a.U + b.U) / 2, (a.V + b.V) / 2);
        var offset = -dv * mu + du * mv;
        var (s0, s1) = (du * a.U + dv * a.V, du * b.U + dv * b.V);
        return new Edge(angle, offset, Math.Min(s0, s1), Math.Max(s0, s1), left, key);
    }

    private static bool OnFrame((double U, double V) a, (double U, double V) b, Box box, double tolerance)
    {
        bool Near(double x, double side) => Math.Abs(x - side) <= tolerance;
        return (Near(a.U, box.Lower[0]) && Near(b.U, box.Lower[0])) || (Near(a.U, box.Upper[0]) && Near(b.U, box.Upper[0]))
            || (Near(a.V, box.Lower[1]) && Near(b.V, box.Lower[1])) || (Near(a.V, box.Upper[1]) && Near(b.V, box.Upper[1]));
    }

    /// <summary>Edges grouped into lines: runs of close angles, then within them runs of close offsets.</summary>
    private static IEnumerable<List<Edge>> Lines(List<Edge> edges, double tolerance)
    {
        edges.Sort((x, y) => x.Angle.CompareTo(y.Angle));
        var start = 0;
        for (var i = 1; i <= edges.Count; i++)
        {
            if (i < edges.Count && edges[i].Angle - edges[i - 1].Angle <= Tolerance) continue;
            var run = edges.GetRange(start, i - start);
            run.Sort((x, y) => x.Offset.CompareTo(y.Offset));
            var from = 0;
            for (var j = 1; j <= run.Count; j++)
            {
                if (j < run.Count && run[j].Offset - run[j - 1].Offset <= tolerance) continue;
                yield return run.GetRange(from, j - from);
                from = j;
            }
            start = i;
        }
    }

    /// <summary>Walks along one line between the edges' endpoints and keeps the stretches whose two sides' keys differ.</summary>
    private static void Sweep(List<Edge> line, double tolerance, List<PlaneSegment> segments)
    {
        var breaks = line.SelectMany(e => new[] { e.S0, e.S1 }).Order().ToList();
        var points = new List<double> { breaks[0] };
        foreach (var s in breaks) if (s - points[^1] > tolerance) points.Add(s);
        int Index(double s)
        {
            var i = points.BinarySearch(s);
            if (i >= 0) return i;
            i = ~i;
            return i > 0 && (i == points.Count || s - points[i - 1] <= points[i] - s) ? i - 1 : i;
        }
        var opens = new List<(int At, Edge Edge, int Delta)>();
        foreach (var e in line)
        {
            var (i0, i1) = (Index(e.S0), Index(e.S1));
            if (i0 == i1) continue;
            opens.Add((i0, e, 1));
            opens.Add((i1, e, -1));
        }
        opens.Sort((x, y) => x.At.CompareTo(y.At));
        var left = new Dictionary<UInt128, int>();
        var right = new Dictionary<UInt128, int>();
        // The line's direction and normal, shared by its edges to within the tolerance; points are rebuilt from them.
        var (angle, offset) = (line[0].Angle, line.Average(e => e.Offset));
        var (du, dv) = (Math.Cos(angle), Math.Sin(angle));
        int? runStart = null;
        var next = 0;
        for (var k = 0; k < points.Count; k++)
        {
            for (; next < opens.Count && opens[next].At == k; next++)
            {
                var side = opens[next].Edge.Left ? left : right;
                var key = opens[next].Edge.Key;
                var count = side.GetValueOrDefault(key) + opens[next].Delta;
                if (count == 0) side.Remove(key);
                else side[key] = count;
            }
            var draw = k + 1 < points.Count && (left.Count > 0 || right.Count > 0) && !SameKeys(left, right);
            if (draw) runStart ??= k;
            else if (runStart is { } r)
            {
                segments.Add(new PlaneSegment(du * points[r] - dv * offset, dv * points[r] + du * offset, du * points[k] - dv * offset, dv * points[k] + du * offset));
                runStart = null;
            }
        }
    }

    private static bool SameKeys(Dictionary<UInt128, int> a, Dictionary<UInt128, int> b) =>
        a.Count == b.Count && a.Keys.All(b.ContainsKey);
}
