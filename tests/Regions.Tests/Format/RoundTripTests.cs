using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Format;

public class RoundTripTests
{
    private const string SpecExample = """
        {
          "format": "pwl-network/1",
          "inputs": 2,
          "layers": [
            { "activation": "relu",   "weights": [[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]], "biases": [0.0, 0.5, -0.25] },
            { "activation": "maxout", "rank": 2, "weights": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], "biases": [0, 0, 0, 0] },
            { "activation": "linear", "weights": [[1.0, -1.0]], "biases": [0.0] }
          ]
        }
        """;

    [Fact]
    public void The_spec_example_reads_with_the_right_shapes()
    {
        var network = NetworkReader.Parse(SpecExample);
        Assert.Equal(2, network.Inputs);
        Assert.Equal([3, 2, 1], network.Widths);
        Assert.Equal(Activation.Maxout, network.Layers[1].Activation);
        Assert.Equal(2, network.Layers[1].Rank);
        Assert.Equal(-0.25, network.Layers[0].Biases[2]);
        Assert.Equal(3 + 2, network.PiecewiseUnits);
    }

    [Fact]
    public void Writing_and_reading_gives_bit_identical_weights_for_every_activation()
    {
        var network = TestNetworks.MixedActivations(seed: 7).WithMeta(new System.Text.Json.Nodes.JsonObject { ["note"] = "kept", ["n"] = 3 }, "mixed");
        var json = NetworkWriter.ToJson(network);
        var back = NetworkReader.Parse(json);
        Assert.Equal(network.Inputs, back.Inputs);
        Assert.Equal("mixed", back.Name);
        Assert.Equal("kept", back.Meta!["note"]!.GetValue<string>());
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var (a, b) = (network.Layers[l], back.Layers[l]);
            Assert.Equal(a.Activation, b.Activation);
            Assert.Equal(a.Rank, b.Rank);
            Assert.Equal(a.Slope, b.Slope);
            Assert.Equal(a.Weights.ToArray().Select(BitConverter.DoubleToInt64Bits), b.Weights.ToArray().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(a.Biases.ToArray().Select(BitConverter.DoubleToInt64Bits), b.Biases.ToArray().Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.Equal(json, NetworkWriter.ToJson(back));
    }

    [Fact]
    public void Extreme_doubles_survive_the_round_trip()
    {
        double[] values = [double.Epsilon, -double.MaxValue, 0.1 + 0.2, -0.0, 1e-300, 123456789.123456789];
        var layer = new Layer(Activation.Relu, values.Length, 1, values, new double[values.Length]);
        var network = new Network(1, [layer]);
        var back = NetworkReader.Parse(NetworkWriter.ToJson(network, indented: false));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Layers[0].Weights.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Save_and_load_through_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-{Guid.NewGuid():N}.json");
        try
        {
            var network = TestNetworks.Random(3, 2, [4, 4]);
            NetworkWriter.Save(network, path);
            Assert.Equal(NetworkWriter.ToJson(network), NetworkWriter.ToJson(NetworkReader.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
