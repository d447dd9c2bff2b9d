using System.Text;
using Google.Protobuf;
using Onnx;
using Regions.Kernel.Format;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Onnx;

/// <summary>
/// <c>regions import</c> and ONNX through <c>--model</c>; each bad input (truncated or non-ONNX file, unsupported
/// operator, residual Add, dynamic shape, unknown --input, NaN weight, per-channel PRelu, dead node) exits 2 with one line.
/// </summary>
public sealed class OnnxCliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-onnx-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Save(string name, byte[] content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void AssertRefused((int Code, string Out, string Err) run, params string[] messages)
    {
        Assert.True(run.Code == 2, $"exit {run.Code}: {run.Err}");
        Assert.Equal("", run.Out);
        var lines = run.Err.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, run.Err);
        Assert.StartsWith("regions: ", lines[0]);
        foreach (var message in messages) Assert.Contains(message, lines[0]);
    }

    /// <summary>2 inputs, a relu layer of 4, 1 output.</summary>
    private static OnnxGraph Mlp(out string output)
    {
        var g = new OnnxGraph([null, 2]);
        var h = g.Node("Gemm", [g.Input, g.Random([4, 2]), g.Random([4])], ("transB", 1L));
        h = g.Node("Relu", [h]);
        output = g.Node("Gemm", [h, g.Random([1, 4])], ("transB", 1L));
        return g;
    }

    [Fact]
    public void Import_writes_a_pwl_network_that_reads_back()
    {
        var g = Mlp(out var output);
        var model = Save("mlp.onnx", g.Bytes(output));
        var target = Path.Combine(directory, "mlp.json");
        var run = Run("import", model, "-o", target);
        Assert.True(run.Code == 0, run.Err);
        var network = NetworkReader.Load(target);
        Assert.Equal([4, 1], network.Widths);
        Assert.Equal("onnx", network.Meta!["source"]!.GetValue<string>());
        var stdout = Run("import", model);
        Assert.Equal(0, stdout.Code);
        Assert.Equal(2, NetworkReader.Parse(stdout.Out).Inputs);
    }

    [Fact]
    public void Count_reads_an_onnx_model_whatever_its_extension()
    {
        var g = Mlp(out var output);
        var model = Save("model.bin", g.Bytes(output));
        var json = Path.Combine(directory, "model.json");
        Assert.Equal(0, Run("import", model, "-o", json).Code);
        var fromOnnx = Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--json", "--threads", "1");
        var fromJson = Run("count", "--model", json, "--box", "-1:1", "--method", "exact", "--json", "--threads", "1");
        Assert.True(fromOnnx.Code == 0, fromOnnx.Err);
        static string Regions(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("regions").ToString();
        Assert.Equal(Regions(fromJson.Out), Regions(fromOnnx.Out));
    }

    [Fact]
    public void The_residual_fixture_counts_exactly_from_onnx_and_from_its_graph_file_and_sampling_finds_no_more()
    {
        var model = Support.Fixtures.OnnxFile("residual_moons.onnx");
        var json = Path.Combine(directory, "residual.json");
        var import = Run("import", model, "-o", json);
        Assert.True(import.Code == 0, import.Err);
        Assert.Contains("\"pwl-network/2\"", File.ReadAllText(json));
        static long Regions(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("regions").GetInt64();
        var fromOnnx = Run("count", "--model", model, "--box", "-1.5:2.5,-1:1.5", "--method", "exact", "--json", "--threads", "1");
        var fromJson = Run("count", "--model", json, "--box", "-1.5:2.5,-1:1.5", "--method", "exact", "--json", "--threads", "1");
        var sampled = Run("count", "--model", json, "--box", "-1.5:2.5,-1:1.5", "--points", "20000", "--json", "--threads", "1");
        Assert.True(fromOnnx.Code == 0, fromOnnx.Err);
        Assert.True(fromJson.Code == 0, fromJson.Err);
        Assert.True(sampled.Code == 0, sampled.Err);
        Assert.Equal(Regions(fromOnnx.Out), Regions(fromJson.Out));
        Assert.True(Regions(fromJson.Out) > 1);
        Assert.True(Regions(sampled.Out) <= Regions(fromJson.Out), $"sampling saw {Regions(sampled.Out)}, exact {Regions(fromJson.Out)}");
    }

    [Fact]
    public void Max_pool_with_padding_counts_exactly_like_its_json()
    {
        // Border windows are cut short by the padding and filled up by repeating an entry: the exact count still runs.
        var g = new OnnxGraph([null, 1, 1, 2]);
        var h = g.Node("MaxPool", [g.Input], ("kernel_shape", new long[] { 1, 2 }), ("pads", new long[] { 0, 1, 0, 1 }));
        h = g.Node("Flatten", [h]);
        h = g.Node("Gemm", [h, g.Random([1, 3])], ("transB", 1L));
        var model = Save("pool.onnx", g.Bytes(h));
        var run = Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--json", "--threads", "1");
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("\"regions\":2", run.Out.Replace(" ", ""));
    }

    [Fact]
    public void An_import_over_the_weights_budget_is_refused_before_the_map_is_built()
    {
        var g = new OnnxGraph([null, 1, 8, 8]);
        var h = g.Node("Conv", [g.Input, g.Random([4, 1, 3, 3])], ("pads", new long[] { 1, 1, 1, 1 }));
        var model = Save("conv.onnx", g.Bytes(h));
        AssertRefused(Run("import", model, "--budget", "weights=1000"), "network would have 16,384 weights at node 'Conv_1' (conv)", "raise it with --budget weights=N");
        Assert.Equal(0, Run("import", model, "--budget", "weights=20000").Code);
    }

    [Fact]
    public void A_small_cnn_agrees_with_onnx_runtime_and_counts_exactly_on_a_plane()
    {
        // Conv + batch norm + relu + max-pool + conv + relu + average-pool + view + linear, as PyTorch exports a digits CNN.
        var g = new OnnxGraph([null, 1, 6, 6], seed: 3);
        var h = g.Node("Conv", [g.Input, g.Random([2, 1, 3, 3]), g.Random([2])], ("pads", new long[] { 1, 1, 1, 1 }));
        h = g.Node("BatchNormalization", [h, g.Random([2], 0.5, 2), g.Random([2]), g.Random([2]), g.Random([2], 0.1, 2)]);
        h = g.Node("Relu", [h]);
        h = g.Node("MaxPool", [h], ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
        h = g.Node("Conv", [h, g.Random([2, 2, 2, 2]), g.Random([2])]);
        h = g.Node("Relu", [h]);
        h = g.Node("AveragePool", [h], ("kernel_shape", new long[] { 2, 2 }));
        h = g.Node("Reshape", [h, g.Ints(-1, 2)]);
        h = g.Node("Gemm", [h, g.Random([3, 2]), g.Random([3])], ("transB", 1L));
        var bytes = g.Bytes(h);
        OrtAgreement.Check(g.Model(h));
        var model = Save("cnn.onnx", bytes);
        var origin = string.Join(",", Enumerable.Repeat("0", 36));
        var d1 = string.Join(",", Enumerable.Range(0, 36).Select(i => i % 2 == 0 ? "1" : "0"));
        var d2 = string.Join(",", Enumerable.Range(0, 36).Select(i => i < 18 ? "1" : "-1"));
        var exact = Run("count", "--model", model, "--plane", $"{origin}:{d1}:{d2}", "--box", "-2:2", "--method", "exact", "--json", "--threads", "1");
        Assert.True(exact.Code == 0, exact.Err);
        var regions = System.Text.Json.JsonDocument.Parse(exact.Out).RootElement.GetProperty("regions").GetInt64();
        Assert.True(regions >= 2, exact.Out);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var g = Mlp(out var output);
        var bytes = g.Bytes(output);
        AssertRefused(Run("import", Save("cut.onnx", bytes[..(bytes.Length / 2)])), "onnx: not an ONNX model, or a truncated one");
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused()
    {
        AssertRefused(Run("import", Save("text.onnx", Encoding.UTF8.GetBytes("hello, this is not a model\n"))), "onnx: not an ONNX model");
        AssertRefused(Run("count", "--model", Save("empty.onnx", []), "--box", "0:1"), "onnx: not an ONNX model");
    }

    [Fact]
    public void An_unsupported_operator_is_refused_naming_the_node_and_the_supported_list()
    {
        var g = new OnnxGraph([null, 2]);
        var h = g.Node("Gemm", [g.Input, g.Random([3, 2])], ("transB", 1L));
        h = g.Node("Sigmoid", [h]);
        AssertRefused(Run("import", Save("sigmoid.onnx", g.Bytes(h))), "node 'Sigmoid_2' (Sigmoid)", "operator Sigmoid is not supported", "supported: Gemm, MatMul");
    }

    [Fact]
    public void A_residual_add_imports_as_a_graph_with_an_add_node()
    {
        var g = new OnnxGraph([null, 3]);
        var h = g.Node("Gemm", [g.Input, g.Random([3, 3])], ("transB", 1L));
        var r = g.Node("Relu", [h]);
        var sum = g.Node("Add", [r, g.Input]);
        var run = Run("import", Save("residual.onnx", g.Bytes(sum)));
        Assert.True(run.Code == 0, run.Err);
        var document = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("pwl-network/2", document.GetProperty("format").GetString());
        Assert.Contains(document.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("op").GetString() == "add");
        var network = NetworkReader.Parse(run.Out);
        Assert.Equal(3, network.Layers[0].Carried);
    }

    [Fact]
    public void Per_channel_prelu_slopes_import_as_slopes()
    {
        var g = new OnnxGraph([null, 2]);
        var h = g.Node("PRelu", [g.Input, g.Init([2], [0.1f, 0.2f])]);
        var run = Run("import", Save("prelu.onnx", g.Bytes(h)));
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("\"slopes\"", run.Out);
        var network = NetworkReader.Parse(run.Out);
        Assert.Equal(new[] { (double)0.1f, (double)0.2f }, new[] { network.Layers[0].SlopeOf(0), network.Layers[0].SlopeOf(1) });
    }

    [Fact]
    public void A_dynamic_dimension_other_than_the_batch_is_refused()
    {
        var g = new OnnxGraph([null, null]);
        var h = g.Node("Relu", [g.Input]);
        AssertRefused(Run("import", Save("dynamic.onnx", g.Bytes(h))), "dynamic dimension 'N' on axis 1");
    }

    [Fact]
    public void An_unknown_input_or_output_name_is_refused_naming_the_ones_that_exist()
    {
        var g = Mlp(out var output);
        var model = Save("mlp.onnx", g.Bytes(output));
        AssertRefused(Run("import", model, "--input", "x"), "--input: 'x' is not one of the graph's inputs: input");
        AssertRefused(Run("import", model, "--output", "y"), $"--output: 'y' is not one of the graph's outputs: {output}");
    }

    [Fact]
    public void Several_outputs_need_a_choice_and_the_choice_imports()
    {
        var g = new OnnxGraph([null, 2]);
        var a = g.Node("Gemm", [g.Input, g.Random([3, 2])], ("transB", 1L));
        var b = g.Node("Relu", [a]);
        var model = Save("two.onnx", g.Bytes(a, b));
        AssertRefused(Run("import", model), "--output: the graph has several outputs");
        var run = Run("import", model, "--output", b);
        Assert.True(run.Code == 0, run.Err);
        Assert.Equal([3, 3], NetworkReader.Parse(run.Out).Widths);
    }

    [Fact]
    public void A_nan_weight_is_refused_naming_the_initializer()
    {
        var g = new OnnxGraph([null, 2]);
        var h = g.Node("Gemm", [g.Input, g.Init([1, 2], [1f, float.NaN], "fc.weight")], ("transB", 1L));
        AssertRefused(Run("import", Save("nan.onnx", g.Bytes(h))), "initializer 'fc.weight': value 1 is NaN");
    }

    [Fact]
    public void A_node_no_output_depends_on_is_refused()
    {
        var g = new OnnxGraph([null, 2]);
        g.Node("Abs", [g.Input]);
        var h = g.Node("Relu", [g.Input]);
        AssertRefused(Run("import", Save("dead.onnx", g.Bytes(h))), "node 'Abs_0' (Abs): no graph output depends on it");
    }

    [Fact]
    public void A_branch_through_a_nonlinearity_imports_and_agrees_with_onnx_runtime()
    {
        var g = new OnnxGraph([null, 2]);
        var h = g.Node("Gemm", [g.Input, g.Random([2, 2])], ("transB", 1L));
        var r = g.Node("Relu", [h]);
        var s = g.Node("Mul", [h, g.Scalar(2)]);
        var sum = g.Node("Add", [r, s]);
        var (network, compared) = OrtAgreement.Check(ModelProto.Parser.ParseFrom(g.Bytes(sum)));
        Assert.True(compared > 0);
        Assert.Equal(2, network.Layers[0].Carried);
    }

    [Fact]
    public void The_importer_builds_on_the_core_alone()
    {
        var ours = typeof(Regions.Onnx.OnnxImporter).Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Regions.", StringComparison.Ordinal));
        Assert.Equal(["Regions.Kernel"], ours);
    }

    [Fact]
    public void Json_detection_needs_a_brace_after_whitespace()
    {
        Assert.True(Regions.Onnx.OnnxImporter.LooksLikeJson(" \n\t{\"format\":1}"u8));
        Assert.False(Regions.Onnx.OnnxImporter.LooksLikeJson(new ModelProto { IrVersion = 8 }.ToByteArray()));
        Assert.False(Regions.Onnx.OnnxImporter.LooksLikeJson(""u8));
    }
}
