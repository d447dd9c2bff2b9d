namespace Regions.Drawing;

/// <summary>
/// Which regions of a plane enumeration share an edge: two polygons are neighbours when an edge of one and an edge of
/// the other lie on one line and overlap in a segment of positive length (a shared corner alone does not count).
/// Edges are compared rather than probed, so a T-junction (one long edge against several shorter ones) still finds
/// every neighbour. Edges are sorted by their line (angle, then offset) and swept along it, so only edges on nearly
/// the same line are compared, and the cost grows like the number of edges, not like the square of the regions.
/// </summary>
public static class PlaneNeighbours
{
    private readonly record struct Edge(int Region, int Index, double Angle, double Offset);

    public static int[][] Of(IReadOnlyList<PlaneRegion> regions, Kernel.Geometry.Box box)
    {
        var scale = Math.Max(box.Upper[0] - box.Lower[0], box.Upper[1] - box.Lower[1]);
        // The exact test, relative to the rectangle: the enumeration's vertices are exact up to rounding at this scale.
        var tolerance = 1e-9 * scale;
        // The grouping only gathers candidates, so it is looser: a short edge's angle is known less well than its ends.
        const double angleSlack = 1e-6;
        var offsetSlack = 1e-6 * scale;
        var edges = new List<Edge>();
        for (var r = 0; r < regions.Count; r++)
        {
            var p = regions[r].Polygon;
            for (var i = 0; i < p.Count; i++)
            {
                var (a, b) = (p[i], p[(i + 1) % p.Count]);
                if (Math.Abs(b.U - a.U) + Math.Abs(b.V - a.V) <= tolerance) continue;
                // The line's direction angle in [0, pi) (an edge and its reverse are one line) and its signed offset.
                var angle = Math.Atan2(b.V - a.V, b.U - a.U);
                if (angle < 0) angle += Math.PI;
                if (angle >= Math.PI - angleSlack) angle -= Math.PI;
                var (nu, nv) = (-Math.Sin(angle), Math.Cos(angle));
                edges.Add(new Edge(r, i, angle, nu * a.U + nv * a.V));
            }
        }
        // Sorted on keys of their own: a comparison delegate over the records cost most of the time on 10^4 regions.
        var sorted = edges.ToArray();
        Array.Sort(sorted.Select(e => e.Angle).ToArray(), sorted);
        var neighbours = new HashSet<int>[regions.Count];
        for (var i = 0; i < regions.Count; i++) neighbours[i] = [];
        foreach (var sameAngle in Runs(sorted, e => e.Angle, angleSlack))
        {
            Array.Sort(sameAngle.Select(e => e.Offset).ToArray(), sameAngle);
            foreach (var line in Runs(sameAngle, e => e.Offset, offsetSlack))
                Sweep(line, regions, neighbours, tolerance);
        }
        return neighbours.Select(n => n.Order().ToArray()).ToArray();
    }

    /// <summary>Maximal runs of a sorted list whose consecutive keys differ by at most the slack.</summary>
    private static IEnumerable<Edge[]> Runs(Edge[] sorted, Func<Edge, double> key, double slack)
    {
        var start = 0;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && key(sorted[i]) - key(sorted[i - 1]) <= slack) continue;
            yield return sorted[start..i];
            start = i;
        }
    }

    /// <summary>Edges of one line, in order along it: each is tested against those still open where it starts.</summary>
    private static void Sweep(Edge[] line, IReadOnlyList<PlaneRegion> regions, HashSet<int>[] neighbours, double tolerance)
    {
        if (line.Length < 2) return;
        var (du, dv) = (Math.Cos(line[0].Angle), Math.Sin(line[0].Angle));
        var spans = line.Select(e =>
        {
            var p = regions[e.Region].Polygon;
            var (a, b) = (p[e.Index], p[(e.Index + 1) % p.Count]);
            var (s, t) = (a.U * du + a.V * dv, b.U * du + b.V * dv);
            return (Edge: e, Start: Math.Min(s, t), End: Math.Max(s, t), A: a, B: b);
        }).OrderBy(x => x.Start).ToList();
        var open = new List<(Edge Edge, double Start, double End, (double U, double V) A, (double U, double V) B)>();
        foreach (var span in spans)
        {
            open.RemoveAll(o => o.End <= span.Start + tolerance);
            foreach (var other in open)
            {
                if (other.Edge.Region == span.Edge.Region || neighbours[span.Edge.Region].Contains(other.Edge.Region)) continue;
                // Overlapping in more than a point, and truly on one line (tested against the longer edge's line).
                if (Math.Min(other.End, span.End) - span.Start <= tolerance) continue;
                var collinear = other.End - other.Start >= span.End - span.Start
                    ? Collinear(other.A, other.B, span.A, span.B, tolerance) : Collinear(span.A, span.B, other.A, other.B, tolerance);
                if (!collinear) continue;
                neighbours[span.Edge.Region].Add(other.Edge.Region);
                neighbours[other.Edge.Region].Add(span.Edge.Region);
            }
            open.Add(span);
        }
    }

    /// <summary>Both ends of the second edge within the tolerance of the first edge's line.</summary>
    private static bool Collinear((double U, double V) p, (double U, double V) q, (double U, double V) r, (double U, double V) s, double tolerance)
    {
        var (du, dv) = (q.U - p.U, q.V - p.V);
        var length = Math.Sqrt(du * du + dv * dv);
        return Math.Abs(du * (r.V - p.V) - dv * (r.U - p.U)) / length <= tolerance && Math.Abs(du * (s.V - p.V) - dv * (s.U - p.U)) / length <= tolerance;
    }
}
