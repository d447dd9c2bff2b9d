using Regions.Kernel.Exact;

namespace Regions.Kernel.Statistics;

/// <summary>
/// What the statistics read of one region's piece, in the enumeration's coordinates (t, (u, v) or x): its
/// d-measure (length, area, volume), its facets (an interval's 2 ends, a polygon's edges, a polytope's
/// (d-1)-faces; faces on the domain's boundary count), its inradius (the Chebyshev ball) and its vertices.
/// </summary>
public sealed class RegionShape
{
    private RegionShape(double[][] vertices, double measure, IReadOnlyList<HalfSpace> facets)
    {
        Vertices = vertices;
        Measure = measure;
        Facets = facets.Count;
        var centre = new double[vertices[0].Length];
        foreach (var v in vertices) for (var i = 0; i < centre.Length; i++) centre[i] += v[i] / vertices.Length;
        Inradius = ChebyshevCentre.Radius(facets, centre);
    }

    public int Dimension => Vertices[0].Length;

    public double[][] Vertices { get; }

    public double Measure { get; }

    public int Facets { get; }

    public double Inradius { get; }

    internal static RegionShape Of(ConvexPiece piece) => piece switch
    {
        IntervalPiece interval => Interval(interval.A[0], interval.B[0]),
        PolygonPiece polygon => Polygon(polygon.Coordinates),
        PolytopePiece polytope => Polytope(new PolytopeMeasure(polytope)),
        _ => throw new ArgumentException($"no shape for a {piece.GetType().Name}"),
    };

    private static RegionShape Interval(double t0, double t1)
    {
        var (low, high) = (Math.Min(t0, t1), Math.Max(t0, t1));
        return new RegionShape([[low], [high]], high - low, [new HalfSpace([-1.0], -low), new HalfSpace([1.0], high)]);
    }

    /// <summary>
    /// Shoelace area; a vertex where the boundary goes straight on (a split through a vertex, within rounding)
    /// is no corner, so edges are counted after dropping such vertices.
    /// </summary>
    private static RegionShape Polygon(double[] coordinates)
    {
        var corners = Enumerable.Range(0, coordinates.Length / 2).Select(i => new[] { coordinates[2 * i], coordinates[2 * i + 1] }).ToList();
        var area = 0.0;
        for (var i = 0; i < corners.Count; i++)
        {
            var (a, b) = (corners[i], corners[(i + 1) % corners.Count]);
            area += a[0] * b[1] - b[0] * a[1];
        }
        for (var dropped = true; dropped && corners.Count > 3;)
        {
            dropped = false;
            for (var i = 0; i < corners.Count && corners.Count > 3; i++)
            {
                var (previous, here, next) = (corners[(i + corners.Count - 1) % corners.Count], corners[i], corners[(i + 1) % corners.Count]);
                double ux = here[0] - previous[0], uy = here[1] - previous[1], wx = next[0] - here[0], wy = next[1] - here[1];
                var cross = ux * wy - uy * wx;
                if (cross > 1e-9 * Math.Sqrt((ux * ux + uy * uy) * (wx * wx + wy * wy))) continue;
                corners.RemoveAt(i);
                dropped = true;
            }
        }
        var facets = new List<HalfSpace>(corners.Count);
        for (var i = 0; i < corners.Count; i++)
        {
            var (a, b) = (corners[i], corners[(i + 1) % corners.Count]);
            var length = Math.Sqrt((b[0] - a[0]) * (b[0] - a[0]) + (b[1] - a[1]) * (b[1] - a[1]));
            // Counter-clockwise: the outward normal is the edge direction turned clockwise.
            double[] normal = [(b[1] - a[1]) / length, (a[0] - b[0]) / length];
            facets.Add(new HalfSpace(normal, normal[0] * a[0] + normal[1] * a[1]));
        }
        return new RegionShape(corners.ToArray(), area / 2, facets);
    }

    private static RegionShape Polytope(PolytopeMeasure polytope) => new(polytope.Vertices, polytope.Volume(), polytope.Facets());
}
