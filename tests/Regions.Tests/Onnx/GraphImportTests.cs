using Regions.Kernel.Format;
using Regions.Kernel.Model.Graph;
using Regions.Onnx;

namespace Regions.Tests.Onnx;

/// <summary>
/// The graph an import stores (pwl-network/2): each operator as itself, so the file holds the model's own parameters
/// (kernels, per-channel scales, a residual add), and the graph read back from its file lowers to the same chain.
/// </summary>
public sealed class GraphImportTests
{
    [Fact]
    public void The_cnn_is_stored_with_its_kernels_a_per_channel_scale_and_its_pools()
    {
        var graph = OnnxImporter.ImportGraph(File.ReadAllBytes(Support.Fixtures.OnnxFile("cnn_digits.onnx")));
        Assert.Equal([1, 8, 8], graph.InputShape);
        var convs = graph.Nodes.OfType<ConvNode>().ToArray();
        Assert.Equal([[4, 1, 3, 3], [8, 4, 3, 3]], convs.Select(c => c.WeightShape));
        var batchNorm = Assert.Single(graph.Nodes.OfType<ScaleNode>());
        Assert.Equal(4, batchNorm.Scale.Length);
        Assert.Single(graph.Nodes.OfType<MaxPoolNode>());
        Assert.Single(graph.Nodes.OfType<AvgPoolNode>());
        Assert.Equal([10], graph.ShapeOf(graph.Output));
        // The kernels and the dense head are the file's weights: 36 + 288 + 320, not the Toeplitz maps.
        Assert.Equal(36 + 288, convs.Sum(c => c.Weights.Length));
    }

    [Fact]
    public void The_residual_fixture_is_stored_with_an_add_of_two_computed_values()
    {
        var graph = OnnxImporter.ImportGraph(File.ReadAllBytes(Support.Fixtures.OnnxFile("residual_moons.onnx")));
        var add = Assert.Single(graph.Nodes.OfType<AddNode>());
        Assert.All(add.Inputs, i => Assert.NotEqual(graph.InputName, i));
        Assert.Equal(3, graph.Nodes.OfType<ReluNode>().Count());
    }

    [Theory]
    [InlineData("cnn_digits.onnx")]
    [InlineData("residual_moons.onnx")]
    [InlineData("mlp_prelu.onnx")]
    [InlineData("mlp_moons_bn.onnx")]
    public void The_written_graph_reads_back_to_the_same_chain(string fixture)
    {
        var network = OnnxImporter.Import(File.ReadAllBytes(Support.Fixtures.OnnxFile(fixture)));
        var json = NetworkWriter.ToJson(network);
        Assert.Contains("\"format\": \"pwl-network/2\"", json);
        var back = NetworkReader.Parse(json);
        Assert.Equal(network.Layers.Count, back.Layers.Count);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(network.Layers[l].Carried, back.Layers[l].Carried);
            Assert.Equal(network.Layers[l].Weights.ToArray(), back.Layers[l].Weights.ToArray());
            Assert.Equal(network.Layers[l].Biases.ToArray(), back.Layers[l].Biases.ToArray());
        }
        Assert.Equal(network.Meta!.ToJsonString(), back.Meta!.ToJsonString());
    }
}
