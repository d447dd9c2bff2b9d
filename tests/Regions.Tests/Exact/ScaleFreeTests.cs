using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Exact;

/// <summary>
/// Exact counts do not depend on the scale of the weights, on the cell count or on unit order (issue 11): the
/// inputs an adversarial user found, each with its count worked out by hand, and the refusals where double
/// precision cannot decide.
/// </summary>
public sealed class ScaleFreeTests
{
    private static readonly Box Square = Box.Cube(2, -1, 1);

    private static Network OneLayer(double[][] rows, double[] biases, double[]? output = null)
    {
        var hidden = new Layer(Activation.Relu, rows.Length, rows[0].Length, rows.SelectMany(r => r).ToArray(), biases);
        return new Network(rows[0].Length, [hidden, new Layer(Activation.Linear, 1, rows.Length, output ?? Enumerable.Range(1, rows.Length).Select(i => (double)i).ToArray(), [0.0])]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Rows_of_wildly_different_scales_give_the_hand_count_at_every_cell_count(int cells)
    {
        // y = -1e-300 x, x = -1e-300 y and x = y all pass through the origin (6 sectors); x + y = 0.1 cuts four of them.
        var network = OneLayer([[1e-300, 1], [1, 1e-300], [1e300, 1e300], [1e-200, -1e-200]], [0, 0, -1e299, 0]);
        Assert.Equal(10, ExactTestSupport.Exact(network, Square, cells));
        Assert.Equal(10, ExactTestSupport.Sample(network, Square, 200_000));
    }

    [Theory]
    [InlineData(1e155)]
    [InlineData(1e200)]
    [InlineData(1e-200)]
    public void Scaling_every_weight_and_bias_gives_one_count_whatever_the_cells(double factor)
    {
        // One hidden layer: scaling all of it by c scales the function by c^2, so the regions are the unscaled ones.
        var shallow = TestNetworks.Random(17, 2, [8]);
        var scaledShallow = new Network(2, shallow.Layers.Select(l => Scale(l, factor)).ToArray());
        var expected = ExactTestSupport.Exact(shallow, Square);
        foreach (var cells in new[] { 1, 3, 64 }) Assert.Equal(expected, ExactTestSupport.Exact(scaledShallow, Square, cells));
        Assert.Equal(ExactTestSupport.Exact(shallow, Square, definition: RegionDefinition.Linear),
            ExactTestSupport.Exact(scaledShallow, Square, 4, RegionDefinition.Linear));

        // Deeper, the biases of layer l weigh c^(1-l) relative to the weights: another network, but one count at any cell count.
        var deep = new Network(2, TestNetworks.Random(17, 2, [6, 6]).Layers.Select(l => Scale(l, factor)).ToArray());
        var count = ExactTestSupport.Exact(deep, Square);
        foreach (var cells in new[] { 3, 64 }) Assert.Equal(count, ExactTestSupport.Exact(deep, Square, cells));
        Assert.InRange(ExactTestSupport.Sample(deep, Square, 100_000), 1, count);
    }

    private static Layer Scale(Layer layer, double factor) =>
        new(layer.Activation, layer.Rows, layer.Columns, layer.Weights.ToArray().Select(w => w * factor).ToArray(),
            layer.Biases.ToArray().Select(b => b * factor).ToArray(), layer.Rank, layer.Slope);

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Tiny_weights_keep_their_linear_regions(int cells)
    {
        // Lines x = 0, y = 0, x + y = 0.5 (weights of order 1e-9): 7 regions, and generic output weights keep all 7 linear.
        var network = OneLayer([[1e-9, 0], [0, 1e-9], [1e-9, 1e-9]], [0, 0, -0.5e-9], [1e-9, 2e-9, 4e-9]);
        Assert.Equal(7, ExactTestSupport.Exact(network, Square, cells));
        Assert.Equal(7, ExactTestSupport.Exact(network, Square, cells, RegionDefinition.Linear));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Two_lines_a_trillionth_apart_are_three_strips(int cells)
    {
        var network = OneLayer([[1, 0], [1, 0]], [0, -1e-12]);
        Assert.Equal(3, ExactTestSupport.Exact(network, Square, cells));
    }

    [Fact]
    public void Rescaling_a_unit_by_c_and_its_outgoing_column_by_one_over_c_changes_nothing()
    {
        var network = TestNetworks.Random(5, 2, [5, 5]);
        var expected = ExactTestSupport.Exact(network, Square, 4);
        var expectedLinear = ExactTestSupport.Exact(network, Square, 4, RegionDefinition.Linear);
        foreach (var c in new[] { 1e-150, 3.7e-20, 1e20, 1e150 })
        {
            var rescaled = RescaleUnit(network, layer: 0, unit: 2, c);
            Assert.Equal(expected, ExactTestSupport.Exact(rescaled, Square, 4));
            Assert.Equal(expectedLinear, ExactTestSupport.Exact(rescaled, Square, 4, RegionDefinition.Linear));
        }
    }

    internal static Network RescaleUnit(Network network, int layer, int unit, double c)
    {
        var layers = network.Layers.ToArray();
        var l = layers[layer];
        var weights = l.Weights.ToArray();
        var biases = l.Biases.ToArray();
        for (var r = unit * l.Rank; r < (unit + 1) * l.Rank; r++)
        {
            for (var k = 0; k < l.Columns; k++) weights[r * l.Columns + k] *= c;
            biases[r] *= c;
        }
        layers[layer] = new Layer(l.Activation, l.Rows, l.Columns, weights, biases, l.Rank, l.Slope);
        var next = layers[layer + 1];
        var column = next.Weights.ToArray();
        for (var r = 0; r < next.Rows; r++) column[r * next.Columns + unit] /= c;
        layers[layer + 1] = new Layer(next.Activation, next.Rows, next.Columns, column, next.Biases.ToArray(), next.Rank, next.Slope);
        return new Network(network.Inputs, layers);
    }

    [Fact]
    public void A_region_too_thin_for_doubles_stops_the_count_naming_the_unit()
    {
        // x = 0 and x = 2e-13 in [-1, 1]^2: a strip of 7e-14 of the diameter, between "on the line" and "certainly off it".
        var network = OneLayer([[1, 0], [1, 0]], [0, -2e-13]);
        var error = Assert.Throws<InvalidRequestException>(() => ExactTestSupport.Exact(network, Square));
        Assert.Contains("layer 1 unit 2", error.Message);
        Assert.Contains("double precision cannot tell", error.Message);
    }

    [Fact]
    public void A_hardtanh_unit_whose_scale_leaves_the_double_range_is_refused()
    {
        var hidden = new Layer(Activation.Relu, 1, 1, [1e300], [0]);
        var squash = new Layer(Activation.HardTanh, 1, 1, [1e300], [0]);
        var network = new Network(1, [hidden, squash, new Layer(Activation.Linear, 1, 1, [1], [0])]);
        var error = Assert.Throws<InvalidRequestException>(() => ExactTestSupport.Exact(network, Box.Cube(1, -1, 1)));
        Assert.Contains("layer 2 unit 1 (hardtanh)", error.Message);
    }

    [Fact]
    public void Rescaling_keeps_patterns_and_reports_the_original_output_maps()
    {
        var network = RescaleUnit(TestNetworks.Random(8, 2, [4]), 0, 1, 1e100);
        var scaling = UnitScaling.Of(network);
        var points = new[] { new[] { 0.3, -0.2 }, new[] { -0.9, 0.8 }, new[] { 0.05, 0.5 } };
        var original = new Kernel.Evaluation.Interpreter(network);
        var rescaled = new Kernel.Evaluation.Interpreter(scaling.Network);
        foreach (var x in points)
        {
            Assert.Equal(original.Pattern(x), rescaled.Pattern(x));
        }
        var region = new BoxEnumerator(network).Enumerate(Square, false, default).Regions[0];
        var output = original.Forward(region.InteriorPoint)[0];
        Assert.Equal(output, region.Outputs[0].At(region.InteriorPoint), 1e-9 * Math.Max(1, Math.Abs(output)));
    }
}
