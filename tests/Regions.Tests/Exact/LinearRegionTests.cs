using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Exact;

/// <summary>Linear regions: adjacent activation regions with equal output maps merge, across cells too.</summary>
public sealed class LinearRegionTests
{
    /// <summary>A copy of a one-hidden-layer network whose output ignores unit <paramref name="silent"/>.</summary>
    private static Network Silence(Network network, int silent)
    {
        var output = network.Layers[^1];
        var weights = output.Weights.ToArray();
        weights[silent] = 0;
        return new Network(network.Inputs, [network.Layers[0], new Layer(Activation.Linear, 1, output.Columns, weights, output.Biases.ToArray())]);
    }

    /// <summary>The same network without unit <paramref name="removed"/>.</summary>
    private static Network Without(Network network, int removed)
    {
        var hidden = network.Layers[0];
        var keep = Enumerable.Range(0, hidden.Units).Where(u => u != removed).ToArray();
        var rows = keep.SelectMany(u => hidden.Row(u).ToArray()).ToArray();
        var output = network.Layers[^1];
        return new Network(network.Inputs, [
            new Layer(Activation.Relu, keep.Length, hidden.Columns, rows, keep.Select(u => hidden.Biases[u]).ToArray()),
            new Layer(Activation.Linear, 1, keep.Length, keep.Select(u => output.Weight(0, u)).ToArray(), output.Biases.ToArray())]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    public void A_unit_the_output_ignores_merges_exactly_the_regions_it_splits(int seed, int inputs)
    {
        var network = TestNetworks.Random((ulong)seed, inputs, [7]);
        var box = Box.Cube(inputs, -1, 1);
        var silenced = Silence(network, 2);
        var expected = ExactTestSupport.Exact(Without(network, 2), box);
        Assert.True(ExactTestSupport.Exact(silenced, box) > expected, "the silent unit splits some regions");
        foreach (var cells in new[] { 1, 3, 8 }) Assert.Equal(expected, ExactTestSupport.Exact(silenced, box, cells, RegionDefinition.Linear));
        // Nothing silent: every activation region is its own linear region.
        Assert.Equal(ExactTestSupport.Exact(network, box), ExactTestSupport.Exact(network, box, 4, RegionDefinition.Linear));
    }

    [Fact]
    public void Regions_that_meet_only_across_a_cell_face_still_merge()
    {
        // The silent unit's line x = 0 is the face between the cells of a 2 x 1 grid: no cell sees both sides.
        var hidden = new Layer(Activation.Relu, 3, 2, [1, 0, 0.3, 1, -0.8, 0.5], [0, 0.1, 0.2]);
        var network = new Network(2, [hidden, new Layer(Activation.Linear, 1, 3, [0, 1, 2], [0])]);
        var box = Box.Cube(2, -1, 1);
        var withoutSilent = new Network(2, [new Layer(Activation.Relu, 2, 2, [0.3, 1, -0.8, 0.5], [0.1, 0.2]), new Layer(Activation.Linear, 1, 2, [1, 2], [0])]);
        var expected = ExactTestSupport.Exact(withoutSilent, box);
        Assert.Equal(expected, ExactTestSupport.Exact(network, box, 1, RegionDefinition.Linear));
        Assert.Equal(expected, ExactTestSupport.Exact(network, box, 2, RegionDefinition.Linear));
        Assert.Equal(expected, ExactTestSupport.Exact(network, box, 4, RegionDefinition.Linear));
    }

    [Fact]
    public void A_dead_deeper_layer_makes_the_output_one_linear_region()
    {
        var first = new Layer(Activation.Relu, 4, 2, [1, 0, 0, 1, 1, 1, 1, -1], [0.1, -0.2, 0.3, 0]);
        var dead = new Layer(Activation.Relu, 1, 4, [0, 0, 0, 0], [-1]);
        var network = new Network(2, [first, dead, new Layer(Activation.Linear, 1, 1, [3], [0.5])]);
        var box = Box.Cube(2, -1, 1);
        Assert.True(ExactTestSupport.Exact(network, box) >= 8);
        Assert.Equal(1, ExactTestSupport.Exact(network, box, 1, RegionDefinition.Linear));
        Assert.Equal(1, ExactTestSupport.Exact(network, box, 5, RegionDefinition.Linear));
    }

    [Fact]
    public void Linear_regions_need_an_exact_method()
    {
        var network = TestNetworks.Random(1, 3, [4]);
        var error = Assert.Throws<Kernel.InvalidRequestException>(() => new CountJob(network, Box.Cube(3, -1, 1), CountMethod.Sample, 1000, 1, 0, SamplerKind.Random) { Definition = RegionDefinition.Linear }.Validated());
        Assert.Contains("exact", error.Message);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void On_two_inputs_the_polytope_method_merges_like_the_polygon_method(int seed)
    {
        var network = Silence(TestNetworks.Random((ulong)seed, 2, [6]), 1);
        var deep = TestNetworks.Random((ulong)seed, 2, [4, 4, 3]);
        var box = Box.Cube(2, -1, 1);
        foreach (var net in new[] { network, deep })
        {
            var plane = new Kernel.Exact.PlaneEnumerator(net, Kernel.Geometry.AffineSlice.Identity(2), box).Enumerate(box, true, default);
            var polytope = new Kernel.Exact.BoxEnumerator(net, box).Enumerate(box, true, default);
            Assert.Equal(Components(plane), Components(polytope));
        }
    }

    [Fact]
    public void In_three_dimensions_regions_meeting_only_across_a_cell_face_merge()
    {
        // The silent unit's plane x = 0 is the face between the cells of a 2 x 1 x 1 grid.
        var hidden = new Layer(Activation.Relu, 3, 3, [1, 0, 0, 0.3, 1, -0.2, -0.8, 0.5, 0.7], [0, 0.1, 0.2]);
        var network = new Network(3, [hidden, new Layer(Activation.Linear, 1, 3, [0, 1, 2], [0])]);
        var without = new Network(3, [new Layer(Activation.Relu, 2, 3, [0.3, 1, -0.2, -0.8, 0.5, 0.7], [0.1, 0.2]), new Layer(Activation.Linear, 1, 2, [1, 2], [0])]);
        var box = Box.Cube(3, -1, 1);
        var expected = ExactTestSupport.Exact(without, box);
        Assert.True(ExactTestSupport.Exact(network, box) > expected);
        foreach (var cells in new[] { 1, 2, 8 }) Assert.Equal(expected, ExactTestSupport.Exact(network, box, cells, RegionDefinition.Linear));
    }

    private static long Components(Kernel.Exact.CellEnumeration found)
    {
        var union = new Grains.Merging.FingerprintUnionFind();
        foreach (var r in found.Regions) union.Add(r.Fingerprint);
        foreach (var m in found.Merges) union.Union(m.A, m.B);
        return union.Components;
    }
}
