using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Tests.Constructions;

/// <summary>
/// Counts activation regions, linear regions and distinct affine maps of a network on a 1-D or 2-D box. A fine
/// grid finds the regions; wherever two grid neighbours differ, bisection finds the pairs of regions that really
/// share a boundary (a thin region between them is found, not jumped over), and two regions that share a boundary
/// and have the same affine output map are merged into one linear region.
/// </summary>
internal sealed class LinearCensus
{
    private readonly Network network;
    private readonly Interpreter interpreter;
    private readonly Dictionary<UInt128, int> ids = [];
    private readonly List<AffineMap> maps = [];
    private readonly List<int> parent = [];
    private readonly double resolution;

    private LinearCensus(Network network, Box box)
    {
        this.network = network;
        interpreter = new Interpreter(network);
        resolution = 1e-10 * Enumerable.Range(0, box.Dimension).Max(box.Width);
    }

    public int ActivationRegions => ids.Count;

    public int LinearRegions => Enumerable.Range(0, parent.Count).Count(i => Find(i) == i);

    /// <summary>Affine maps compared to 9 significant digits: the number of different functions (R6 in the spec's taxonomy).</summary>
    public int DistinctMaps => maps.Select(Key).Distinct().Count();

    /// <summary>Boundaries between regions whose maps are equal (the merges).</summary>
    public int Merges { get; private set; }

    public static LinearCensus Of(Network network, int grid)
    {
        var box = RegionCensus.DomainOf(network);
        if (box.Dimension > 2) throw new ArgumentException("the linear census is for 1-D and 2-D boxes");
        var census = new LinearCensus(network, box);
        var d = box.Dimension;
        // An irrational offset keeps grid points off the dyadic fold walls and the integer breakpoints.
        double Coordinate(int axis, int k) => box.Lower[axis] + (k + 0.3819660113) / grid * box.Width(axis);
        var ys = d == 1 ? 1 : grid;
        var points = new double[grid, ys][];
        var idAt = new int[grid, ys];
        for (var i = 0; i < grid; i++)
        {
            for (var j = 0; j < ys; j++)
            {
                points[i, j] = d == 1 ? [Coordinate(0, i)] : [Coordinate(0, i), Coordinate(1, j)];
                idAt[i, j] = census.Id(points[i, j]);
            }
        }
        for (var i = 0; i < grid; i++)
        {
            for (var j = 0; j < ys; j++)
            {
                if (i + 1 < grid && idAt[i, j] != idAt[i + 1, j]) census.Walk(points[i, j], points[i + 1, j], idAt[i, j], idAt[i + 1, j]);
                if (j + 1 < ys && idAt[i, j] != idAt[i, j + 1]) census.Walk(points[i, j], points[i, j + 1], idAt[i, j], idAt[i, j + 1]);
            }
        }
        return census;
    }

    private int Id(double[] x)
    {
        var pattern = RegionCensus.PatternAt(interpreter, x);
        if (ids.TryGetValue(pattern, out var id)) return id;
        id = ids.Count;
        ids[pattern] = id;
        maps.Add(RegionMaps.At(network, x).Outputs[0]);
        parent.Add(id);
        return id;
    }

    /// <summary>Bisects the segment a-b (patterns ia, ib) down to the boundaries it crosses.</summary>
    private void Walk(double[] a, double[] b, int ia, int ib)
    {
        if (ia == ib) return;
        var length = Math.Sqrt(a.Select((v, i) => (v - b[i]) * (v - b[i])).Sum());
        if (length < resolution)
        {
            if (SameMap(maps[ia], maps[ib]))
            {
                Merges++;
                Union(ia, ib);
            }
            return;
        }
        var mid = a.Select((v, i) => 0.5 * (v + b[i])).ToArray();
        var im = Id(mid);
        Walk(a, mid, ia, im);
        Walk(mid, b, im, ib);
    }

    private static bool SameMap(AffineMap p, AffineMap q)
    {
        var scale = 1 + p.Gradient.Concat(q.Gradient).Append(p.Offset).Append(q.Offset).Max(Math.Abs);
        var tolerance = 1e-9 * scale;
        return Math.Abs(p.Offset - q.Offset) <= tolerance && p.Gradient.Select((g, i) => Math.Abs(g - q.Gradient[i])).All(e => e <= tolerance);
    }

    private static string Key(AffineMap map) =>
        string.Join(",", map.Gradient.Append(map.Offset).Select(v => (Math.Round(v, 9) + 0.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private int Find(int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private void Union(int a, int b) => parent[Find(a)] = Find(b);
}
