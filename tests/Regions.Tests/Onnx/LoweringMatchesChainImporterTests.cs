using System.Text.Json.Nodes;
using Regions.Kernel.Model;
using Regions.Onnx;

namespace Regions.Tests.Onnx;

/// <summary>
/// On every committed fixture the pwl-network/1 importer could import, ONNX -> graph -> lowering gives the chain that
/// importer gave: the same layers (activation, rows, columns, rank, slope) in the same order and the same weights up
/// to rounding. tests/fixtures/onnx-chains/v1-importer-digests.json holds that importer's chains (commit 902ccc4, the
/// last with ChainBuilder) as digests: per layer the sum, the sum of squares and a position-weighted sum of the
/// weights and of the biases, so a reordered row or column shows as well as a changed value.
/// </summary>
public sealed class LoweringMatchesChainImporterTests
{
    public static TheoryData<string> Fixtures() => new(Reference().Select(p => p.Key));

    [Fact]
    public void Every_fixture_the_chain_importer_took_is_in_the_reference()
    {
        var onnx = Directory.EnumerateFiles(Support.Fixtures.Onnx, "*.onnx").Select(Path.GetFileName).ToHashSet();
        onnx.Remove("residual_moons.onnx");
        onnx.Remove("mlp_prelu.onnx");
        Assert.Equal(onnx.Order(), Reference().Select(p => p.Key).Order());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_lowered_graph_is_the_chain_importers_network(string fixture)
    {
        var expected = Reference()[fixture]!.AsObject();
        var network = OnnxImporter.Import(File.ReadAllBytes(Support.Fixtures.OnnxFile(fixture)));
        Assert.NotNull(network.Source);
        Assert.Equal(expected["inputs"]!.GetValue<int>(), network.Inputs);
        var layers = expected["layers"]!.AsArray();
        Assert.Equal(layers.Count, network.Layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var want = layers[i]!.AsObject();
            var layer = network.Layers[i];
            Assert.Equal(want["activation"]!.GetValue<string>(), layer.Activation.ToString());
            Assert.Equal(want["rows"]!.GetValue<int>(), layer.Rows);
            Assert.Equal(want["columns"]!.GetValue<int>(), layer.Columns);
            Assert.Equal(want["rank"]!.GetValue<int>(), layer.Rank);
            Assert.Equal(want["slope"]!.GetValue<double>(), layer.Slope);
            Assert.Equal(0, layer.Carried);
            var (sum, squares, mixed) = Digest(layer.Weights);
            var (biasSum, _, biasMixed) = Digest(layer.Biases);
            var scale = 1 + Math.Sqrt(squares * layer.Weights.Length);
            Close(want["weightSum"]!, sum, scale, fixture, i);
            Close(want["weightSquares"]!, squares, 1 + squares, fixture, i);
            Close(want["weightMixed"]!, mixed, scale, fixture, i);
            Close(want["biasSum"]!, biasSum, scale + Math.Abs(biasSum), fixture, i);
            Close(want["biasMixed"]!, biasMixed, scale + Math.Abs(biasMixed), fixture, i);
        }
    }

    private static void Close(JsonNode expected, double actual, double scale, string fixture, int layer)
    {
        var want = expected.GetValue<double>();
        Assert.True(Math.Abs(want - actual) <= 1e-9 * scale, $"{fixture}, layer {layer}: {actual}, the chain importer gave {want}");
    }

    /// <summary>The digest the reference was made with (the same formula, in the same order).</summary>
    private static (double Sum, double Squares, double Mixed) Digest(ReadOnlySpan<double> values)
    {
        double sum = 0, squares = 0, mixed = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            squares += values[i] * values[i];
            mixed += values[i] * ((i * 2654435761L) % 1000 / 1000.0);
        }
        return (sum, squares, mixed);
    }

    private static JsonObject Reference() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Support.Fixtures.Onnx, "..", "onnx-chains", "v1-importer-digests.json")))!.AsObject();
}
