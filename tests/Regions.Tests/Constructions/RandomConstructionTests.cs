using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Model;

namespace Regions.Tests.Constructions;

public class RandomConstructionTests
{
    [Fact]
    public void The_seed_alone_determines_the_weights()
    {
        var a = NetworkWriter.ToJson(Expected.Build("random", 3, [5, 4], seed: 9));
        Assert.Equal(a, NetworkWriter.ToJson(Expected.Build("random", 3, [5, 4], seed: 9)));
        Assert.NotEqual(a, NetworkWriter.ToJson(Expected.Build("random", 3, [5, 4], seed: 10)));
    }

    [Fact]
    public void Weights_follow_he_initialisation()
    {
        var network = Expected.Build("random", 400, [500]);
        var weights = network.Layers[0].Weights.ToArray();
        var mean = weights.Average();
        var variance = weights.Select(w => (w - mean) * (w - mean)).Average();
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(variance, 0.97 * 2.0 / 400, 1.03 * 2.0 / 400);
        var biases = network.Layers[0].Biases.ToArray();
        Assert.InRange(Math.Sqrt(biases.Select(b => b * b).Average()), 0.09, 0.11);
        Assert.Equal(Activation.Linear, network.Layers[^1].Activation);
        Assert.Equal(1, network.Outputs);
    }

    [Fact]
    public void A_rank_makes_maxout_layers_and_the_counts_are_unknown()
    {
        var network = Expected.Build("random", 2, [3, 3], rank: 4);
        Assert.All(network.Layers.Take(2), l => Assert.Equal(Activation.Maxout, l.Activation));
        Assert.Equal(12, network.Layers[0].Rows);
        Assert.Equal("unknown", network.Meta!["expectedActivationRegions"]!.GetValue<string>());
        Assert.Equal("-1:1,-1:1", network.Meta!["domain"]!["box"]!.GetValue<string>());
        Assert.Throws<InvalidRequestException>(() => Expected.Build("random", 2));
    }
}
