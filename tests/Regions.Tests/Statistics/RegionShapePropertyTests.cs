using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Statistics;
using Regions.Tests.Exact;
using Regions.Tests.Support;

namespace Regions.Tests.Statistics;

/// <summary>Properties every enumeration's shapes must have, on random networks.</summary>
public sealed class RegionShapePropertyTests
{
    [Theory]
    [InlineData(1, 1, new[] { 6, 5 })]
    [InlineData(2, 1, new[] { 9 })]
    [InlineData(3, 2, new[] { 6, 6 })]
    [InlineData(4, 2, new[] { 8, 5, 4 })]
    [InlineData(5, 3, new[] { 5, 4 })]
    [InlineData(6, 3, new[] { 7 })]
    public void Measures_tile_the_domain_and_the_shape_pass_finds_the_exact_count(int seed, int inputs, int[] widths)
    {
        var network = TestNetworks.Random((ulong)seed, inputs, widths);
        var box = Box.Cube(inputs, -1, 1.5);
        var regions = StatisticsSupport.Shapes(network, box);
        var stats = RegionStatistics.Of(regions, box, network.Outputs);
        // Lengths, areas or volumes of the regions add up to the domain's: no region missed or counted twice.
        Assert.Equal(Math.Pow(2.5, inputs), stats.TotalMeasure, 6);
        // The same regions the count sees, cut into any number of cells.
        Assert.Equal(ExactTestSupport.Exact(network, box, cells: 5), regions.Count);
        Assert.Equal(regions.Count, regions.Select(r => r.Region.Fingerprint).Distinct().Count());
        Assert.All(regions, r =>
        {
            Assert.True(r.Shape.Measure > 0);
            Assert.InRange(r.Shape.Facets, inputs + 1, 1000);
            // A ball of radius r has d-measure at least that of a cross-polytope of radius r, which is (2r)^d / d!.
            Assert.InRange(r.Shape.Inradius, 0, double.MaxValue);
            Assert.True(Math.Pow(2 * r.Shape.Inradius, inputs) / Factorial(inputs) <= r.Shape.Measure * (1 + 1e-9));
        });
    }

    [Theory]
    [InlineData(11, 2)]
    [InlineData(12, 3)]
    public void Adjacency_is_seen_from_both_sides(int seed, int inputs)
    {
        var network = TestNetworks.Random((ulong)seed, inputs, [6, 5]);
        var regions = StatisticsSupport.Shapes(network, Box.Cube(inputs, -1, 1));
        var known = regions.Select(r => r.Region.Fingerprint).ToHashSet();
        var directed = regions.SelectMany(r => r.Neighbours.Where(known.Contains).Select(n => (r.Region.Fingerprint, n))).ToHashSet();
        Assert.NotEmpty(directed);
        Assert.All(directed, e => Assert.Contains((e.Item2, e.Item1), directed));
        // A connected domain's regions form a connected graph.
        var graph = RegionGraph.Of(regions);
        Assert.Equal(regions.Count, Reachable(graph, regions.Count));
    }

    [Theory]
    [InlineData(21, 2, 7)]
    [InlineData(22, 3, 6)]
    public void In_a_hyperplane_arrangement_neighbours_differ_in_exactly_one_unit(int seed, int inputs, int units)
    {
        var network = TestNetworks.Random((ulong)seed, inputs, [units]);
        var regions = StatisticsSupport.Shapes(network, Box.Cube(inputs, -1, 1));
        var graph = RegionGraph.Of(regions);
        Assert.NotEmpty(graph.Edges);
        foreach (var (a, b) in graph.Edges)
        {
            var (sa, sb) = (network.StatesByLayer(regions[a].Region.Pattern)[0], network.StatesByLayer(regions[b].Region.Pattern)[0]);
            Assert.Equal(1, sa.Zip(sb).Count(p => p.First != p.Second));
        }
    }

    [Fact]
    public void A_plane_slice_measures_areas_in_its_own_coordinates()
    {
        var network = TestNetworks.Random(31, 4, [8, 6]);
        var slice = AffineSlice.ParsePlane("0.1,0,0,0.2:1,1,0,0:0,0,1,-1", 4);
        var box = Box.Parse("-2:1,0:3", 2);
        var regions = StatisticsSupport.Shapes(network, box, slice);
        Assert.Equal(9, RegionStatistics.Of(regions, box, 1).TotalMeasure, 6);
        Assert.Equal(ExactTestSupport.Exact(network, box, cells: 4, slice: slice), regions.Count);
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static int Reachable(RegionGraph graph, int nodes)
    {
        var next = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in graph.Edges) { next[a].Add(b); next[b].Add(a); }
        var seen = new HashSet<int> { 0 };
        var stack = new Stack<int>([0]);
        while (stack.Count > 0) foreach (var m in next[stack.Pop()]) if (seen.Add(m)) stack.Push(m);
        return seen.Count;
    }
}
