namespace Regions.Drawing;

/// <summary>
/// Which regions of a plane enumeration share an edge: two polygons are neighbours when an edge of one and an edge of
/// the other lie on one line and overlap in a segment of positive length (a shared corner alone does not count).
/// Edges are compared rather than probed, so a T-junction (one long edge against several shorter ones) still finds
/// every neighbour. Candidate pairs come from a grid of buckets over the rectangle, so the cost grows with the number
/// of regions, not its square.
/// </summary>
public static class PlaneNeighbours
{
    public static int[][] Of(IReadOnlyList<PlaneRegion> regions, Kernel.Geometry.Box box)
    {
        var (u0, u1, v0, v1) = (box.Lower[0], box.Upper[0], box.Lower[1], box.Upper[1]);
        // Tolerances relative to the rectangle: the enumeration's vertices are exact up to rounding at this scale.
        var scale = Math.Max(u1 - u0, v1 - v0);
        var tolerance = 1e-9 * scale;
        var side = Math.Max(1, (int)Math.Sqrt(regions.Count));
        var buckets = new List<int>[side * side];
        int Cell(double x, double lo, double hi) => Math.Clamp((int)((x - lo) / (hi - lo) * side), 0, side - 1);
        var bounds = new (double U0, double U1, double V0, double V1)[regions.Count];
        for (var i = 0; i < regions.Count; i++)
        {
            var p = regions[i].Polygon;
            bounds[i] = (p.Min(q => q.U) - tolerance, p.Max(q => q.U) + tolerance, p.Min(q => q.V) - tolerance, p.Max(q => q.V) + tolerance);
            for (var a = Cell(bounds[i].U0, u0, u1); a <= Cell(bounds[i].U1, u0, u1); a++)
                for (var b = Cell(bounds[i].V0, v0, v1); b <= Cell(bounds[i].V1, v0, v1); b++)
                    (buckets[a * side + b] ??= []).Add(i);
        }
        var neighbours = new HashSet<int>[regions.Count];
        for (var i = 0; i < regions.Count; i++) neighbours[i] = [];
        foreach (var bucket in buckets)
        {
            if (bucket is null) continue;
            for (var x = 0; x < bucket.Count; x++)
                for (var y = x + 1; y < bucket.Count; y++)
                {
                    var (i, j) = (bucket[x], bucket[y]);
                    if (neighbours[i].Contains(j) || !Overlap(bounds[i], bounds[j])) continue;
                    if (!ShareEdge(regions[i].Polygon, regions[j].Polygon, tolerance)) continue;
                    neighbours[i].Add(j);
                    neighbours[j].Add(i);
                }
        }
        return neighbours.Select(n => n.Order().ToArray()).ToArray();
    }

    private static bool Overlap((double U0, double U1, double V0, double V1) a, (double U0, double U1, double V0, double V1) b) =>
        a.U0 <= b.U1 && b.U0 <= a.U1 && a.V0 <= b.V1 && b.V0 <= a.V1;

    private static bool ShareEdge(IReadOnlyList<(double U, double V)> a, IReadOnlyList<(double U, double V)> b, double tolerance)
    {
        for (var i = 0; i < a.Count; i++)
        {
            var (p, q) = (a[i], a[(i + 1) % a.Count]);
            var (du, dv) = (q.U - p.U, q.V - p.V);
            var length = Math.Sqrt(du * du + dv * dv);
            if (length <= tolerance) continue;
            for (var j = 0; j < b.Count; j++)
            {
                var (r, s) = (b[j], b[(j + 1) % b.Count]);
                // Both ends of the other edge on this edge's line (distance by the cross product)...
                if (Math.Abs(du * (r.V - p.V) - dv * (r.U - p.U)) / length > tolerance) continue;
                if (Math.Abs(du * (s.V - p.V) - dv * (s.U - p.U)) / length > tolerance) continue;
                // ...and their projections overlapping this edge in more than a point.
                var tr = ((r.U - p.U) * du + (r.V - p.V) * dv) / length;
                var ts = ((s.U - p.U) * du + (s.V - p.V) * dv) / length;
                if (Math.Min(Math.Max(tr, ts), length) - Math.Max(Math.Min(tr, ts), 0) > tolerance) return true;
            }
        }
        return false;
    }
}
