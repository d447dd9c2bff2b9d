using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Tests.Exact;

/// <summary>Degenerate arrangements, each with a count worked out by hand.</summary>
public sealed class DegenerateNetworkTests
{
    private static Network OneLayer(int inputs, double[][] rows, double[] biases, double[]? outputWeights = null, Activation activation = Activation.Relu, int rank = 1)
    {
        var hidden = new Layer(activation, rows.Length, inputs, rows.SelectMany(r => r).ToArray(), biases, rank);
        var units = rows.Length / rank;
        var output = new Layer(Activation.Linear, 1, units, outputWeights ?? Enumerable.Range(1, units).Select(i => (double)i).ToArray(), [0.0]);
        return new Network(inputs, [hidden, output]);
    }

    private static long Count(Network network, Box box, int cells = 1, RegionDefinition definition = RegionDefinition.Activation) =>
        ExactTestSupport.Exact(network, box, cells, definition);

    [Fact]
    public void Duplicate_and_coincident_opposite_units_add_no_region()
    {
        // x = 0 three times (twice as x, once as -x): two half-planes; the patterns are (1,1,0) and (0,0,1).
        var network = OneLayer(2, [[1, 0], [1, 0], [-1, 0]], [0, 0, 0]);
        Assert.Equal(2, Count(network, Box.Cube(2, -1, 1)));
        Assert.Equal(2, Count(network, Box.Cube(2, -1, 1), cells: 4));
        Assert.Equal(2, Count(new Network(2, network.Layers), Box.Cube(2, -1, 1)));
    }

    [Fact]
    public void Parallel_lines_make_strips()
    {
        // x = -0.5, 0, 0.5 (0 lies on the cell face of a 2 x 1 grid): 4 strips.
        var network = OneLayer(2, [[1, 0], [1, 0], [1, 0]], [0.5, 0, -0.5]);
        Assert.Equal(4, Count(network, Box.Cube(2, -1, 1)));
        Assert.Equal(4, Count(network, Box.Cube(2, -1, 1), cells: 2));
        Assert.Equal(4, Count(network, Box.Cube(2, -1, 1), cells: 6));
    }

    [Fact]
    public void Zero_rows_dead_units_and_hyperplanes_on_the_box_face_split_nothing()
    {
        // A zero row (constant 0.3: always on), a dead unit (always off), x = 1 on the box face, y = 0.2 crossing it.
        var network = OneLayer(2, [[0, 0], [0.1, 0.1], [1, 0], [0, 1]], [0.3, -5, -1, -0.2]);
        Assert.Equal(2, Count(network, Box.Cube(2, -1, 1)));
        Assert.Equal(2, Count(network, Box.Cube(2, -1, 1), cells: 9));
    }

    [Fact]
    public void Many_lines_through_one_point_on_a_cell_corner()
    {
        // Six lines through the origin, which is the common corner of the 4 cells of a 2 x 2 grid: 12 sectors.
        var rows = Enumerable.Range(0, 6).Select(i => new[] { Math.Cos(i * Math.PI / 6), Math.Sin(i * Math.PI / 6) }).ToArray();
        var network = OneLayer(2, rows, new double[6]);
        Assert.Equal(12, Count(network, Box.Cube(2, -1, 1)));
        Assert.Equal(12, Count(network, Box.Cube(2, -1, 1), cells: 4));
        // In 3-D the same six planes through the z axis: 12 wedges.
        var rows3 = rows.Select(r => new[] { r[0], r[1], 0 }).ToArray();
        Assert.Equal(12, Count(OneLayer(3, rows3, new double[6]), Box.Cube(3, -1, 1)));
        Assert.Equal(12, Count(OneLayer(3, rows3, new double[6]), Box.Cube(3, -1, 1), cells: 8));
    }

    [Fact]
    public void Maxout_ties_go_to_the_lowest_index()
    {
        // Rank 3 with entries x, x, -x: entry 1 never wins (ties go to entry 0), so two regions.
        var network = OneLayer(2, [[1, 0], [1, 0], [-1, 0]], [0, 0, 0], [1.0], Activation.Maxout, rank: 3);
        Assert.Equal(2, Count(network, Box.Cube(2, -1, 1)));
        Assert.Equal(2, Count(network, Box.Cube(3 - 1, -1, 1), cells: 4));
        // Three identical entries: one region.
        var flat = OneLayer(2, [[1, 2], [1, 2], [1, 2]], [0, 0, 0], [1.0], Activation.Maxout, rank: 3);
        Assert.Equal(1, Count(flat, Box.Cube(2, -1, 1)));
    }

    [Fact]
    public void Regions_far_thinner_than_the_box_are_found()
    {
        // Lines x = 0 and x = 1e-6: a strip a millionth of the box wide is its own region.
        var network = OneLayer(2, [[1, 0], [1, 0]], [0, -1e-6]);
        Assert.Equal(3, Count(network, Box.Cube(2, -1, 1)));
        Assert.Equal(3, Count(OneLayer(1, [[1], [1]], [0, -1e-6]), Box.Cube(1, -1, 1)));
        Assert.Equal(3, Count(OneLayer(3, [[1, 0, 0], [1, 0, 0]], [0, -1e-6]), Box.Cube(3, -1, 1)));
    }

    [Fact]
    public void Every_activation_of_the_format_is_enumerated_consistently_with_the_interpreter()
    {
        var network = Support.TestNetworks.MixedActivations(5);
        var box = Box.Cube(3, -1.5, 1.5);
        var regions = new Kernel.Exact.BoxEnumerator(network).Enumerate(box, false, default).Regions;
        var interpreter = new Kernel.Evaluation.Interpreter(network);
        foreach (var r in regions)
            Assert.Equal(r.Fingerprint, Kernel.Evaluation.Fingerprint.Of(interpreter.Pattern(r.InteriorPoint)));
        Assert.Subset(regions.Select(r => r.Fingerprint).ToHashSet(), ExactTestSupport.Sampled(network, box, 100_000, 1));
    }
}
