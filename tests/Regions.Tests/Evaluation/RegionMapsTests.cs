using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Tests.Support;

namespace Regions.Tests.Evaluation;

public class RegionMapsTests
{
    [Fact]
    public void The_output_map_reproduces_the_forward_pass_near_the_point()
    {
        var network = TestNetworks.MixedActivations(21);
        var interpreter = new Interpreter(network);
        var random = new DeterministicRandom(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var x = Enumerable.Range(0, 3).Select(_ => random.NextUniform(-2, 2)).ToArray();
            var maps = RegionMaps.At(network, x);
            // A tiny step stays in the same region (almost surely), where the map is exact.
            var y = x.Select(v => v + 1e-9 * random.NextGaussian()).ToArray();
            if (!interpreter.Pattern(y).SequenceEqual(maps.Pattern)) continue;
            var forward = interpreter.Forward(y);
            for (var o = 0; o < forward.Length; o++) Assert.Equal(forward[o], maps.Outputs[o].At(y), 9);
        }
    }

    [Fact]
    public void Hidden_pre_activations_match_equation_7()
    {
        // relu layer 1: h = (x1, 0) where x1 > 0, x2 < 0; layer 2 row 0 = h1 + 2 h2 + 1 -> map (1, 0).x + 1.
        var first = new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0]);
        var second = new Layer(Activation.Relu, 1, 2, [1, 2], [1]);
        var network = new Network(2, [first, second]);
        var maps = RegionMaps.At(network, [0.5, -0.5]);
        Assert.Equal([1.0, 0.0], maps.PreActivations[1][0].Gradient);
        Assert.Equal(1.0, maps.PreActivations[1][0].Offset);
        Assert.Equal([1.0, 0.0], maps.Outputs[0].Gradient);
    }
}
