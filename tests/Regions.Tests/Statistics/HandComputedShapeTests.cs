using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Statistics;

namespace Regions.Tests.Statistics;

/// <summary>Shapes, statistics and graphs of networks whose regions are known by hand.</summary>
public sealed class HandComputedShapeTests
{
    [Fact]
    public void Two_axis_relus_cut_the_square_into_four_unit_squares_around_a_four_cycle()
    {
        // relu(x) + relu(y) - 0.5: its zero set crosses every quadrant but the one where both units are off.
        var network = StatisticsSupport.AxisRelus(2, [0, 0], [1, 1], -0.5);
        var box = Box.Cube(2, -1, 1);
        var regions = StatisticsSupport.Shapes(network, box);
        var stats = RegionStatistics.Of(regions, box, network.Outputs);

        Assert.Equal(4, stats.Regions);
        Assert.Equal("area", stats.MeasureName);
        Assert.All(regions, r => Assert.Equal(1, r.Shape.Measure, 12));
        Assert.All(regions, r => Assert.Equal(4, r.Shape.Facets));
        Assert.All(regions, r => Assert.Equal(0.5, r.Shape.Inradius, 12));
        Assert.Equal(4, stats.TotalMeasure, 12);
        Assert.Equal(3, stats.BoundaryPieces);

        var graph = RegionGraph.Of(regions);
        Assert.Equal(4, graph.Edges.Count);
        var degrees = new int[4];
        foreach (var (a, b) in graph.Edges) { degrees[a]++; degrees[b]++; }
        Assert.All(degrees, d => Assert.Equal(2, d));
        // A 4-cycle, not two separate edges: the opposite quadrants (both units flipped) are never joined.
        foreach (var (a, b) in graph.Edges) Assert.Equal(1, StatesApart(network, regions[a], regions[b]));
    }

    [Fact]
    public void Three_axis_relus_cut_the_cube_into_eight_unit_cubes_joined_like_a_cube()
    {
        var network = StatisticsSupport.AxisRelus(3, [0, 0, 0], [1, 1, 1], -0.25);
        var box = Box.Cube(3, -1, 1);
        var regions = StatisticsSupport.Shapes(network, box);
        var stats = RegionStatistics.Of(regions, box, network.Outputs);

        Assert.Equal(8, stats.Regions);
        Assert.Equal("volume", stats.MeasureName);
        Assert.All(regions, r => Assert.Equal(1, r.Shape.Measure, 10));
        Assert.All(regions, r => Assert.Equal(6, r.Shape.Facets));
        Assert.All(regions, r => Assert.Equal(0.5, r.Shape.Inradius, 10));
        // Where some unit is on, the sum of the positive coordinates passes 0.25; the all-off octant is the constant -0.25.
        Assert.Equal(7, stats.BoundaryPieces);
        var graph = RegionGraph.Of(regions);
        Assert.Equal(12, graph.Edges.Count);
        foreach (var (a, b) in graph.Edges) Assert.Equal(1, StatesApart(network, regions[a], regions[b]));
    }

    [Fact]
    public void A_diagonal_relu_halves_the_square_into_two_right_triangles()
    {
        var network = new Network(2, [new Layer(Activation.Relu, 1, 2, [1, 1], [0]), new Layer(Activation.Linear, 1, 1, [1], [-1])]);
        var box = Box.Cube(2, -1, 1);
        var regions = StatisticsSupport.Shapes(network, box);
        Assert.Equal(2, regions.Count);
        // Legs 2 and 2, hypotenuse 2 sqrt 2: area 2, inradius area / semiperimeter.
        Assert.All(regions, r => Assert.Equal(2, r.Shape.Measure, 12));
        Assert.All(regions, r => Assert.Equal(3, r.Shape.Facets));
        Assert.All(regions, r => Assert.Equal(2 / (2 + Math.Sqrt(2)), r.Shape.Inradius, 10));
        Assert.Single(RegionGraph.Of(regions).Edges);
        // relu(x + y) - 1 is zero on x + y = 1, inside the upper triangle only.
        Assert.Equal(1, RegionStatistics.Of(regions, box, 1).BoundaryPieces);
    }

    [Fact]
    public void Two_breakpoints_cut_a_segment_into_three_intervals_along_a_path()
    {
        var network = StatisticsSupport.AxisRelus(1, [-0.25, 0.5], [1, -3], 0);
        var box = Box.Cube(1, -1, 1);
        var regions = StatisticsSupport.Shapes(network, box);
        var lengths = regions.Select(r => r.Shape.Measure).Order().ToArray();
        Assert.Equal([0.5, 0.75, 0.75], lengths.Select(l => Math.Round(l, 12)));
        Assert.All(regions, r => Assert.Equal(2, r.Shape.Facets));
        Assert.All(regions, r => Assert.Equal(r.Shape.Measure / 2, r.Shape.Inradius, 12));
        var stats = RegionStatistics.Of(regions, box, 1);
        Assert.Equal("length", stats.MeasureName);
        Assert.Equal(0.5, stats.Measure.Min, 12);
        Assert.Equal(0.75, stats.Measure.Median, 12);
        // f = relu(x + 0.25) - 3 relu(x - 0.5): 0 on the left piece, rising to 0.75, then falling to 1.25 - 1.5 = -0.25 at x = 1 (the middle piece only touches 0 at its end).
        Assert.Equal(1, stats.BoundaryPieces);
        var graph = RegionGraph.Of(regions);
        Assert.Equal(2, graph.Edges.Count);
    }

    private static int StatesApart(Network network, Kernel.Exact.ShapedRegion a, Kernel.Exact.ShapedRegion b)
    {
        var (sa, sb) = (network.StatesByLayer(a.Region.Pattern), network.StatesByLayer(b.Region.Pattern));
        return sa.Zip(sb).Sum(layer => layer.First.Zip(layer.Second).Count(p => p.First != p.Second));
    }
}
