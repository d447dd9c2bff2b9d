using System.Text.Json.Nodes;
using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Exact;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Graph;
using Regions.Tests.Exact;
using Regions.Tests.Support;

namespace Regions.Tests.Format;

/// <summary>
/// pwl-network/2: the reader's refusals (each with its JSON path and the node), the writer's round trip, and the
/// lowering: hand-written graphs (a residual block, a skip across two stages, two kinds at one depth, a convolution
/// with padding, pooling and per-channel scales) lowered into the chain compute what the graph computes node by node
/// (<see cref="GraphReference"/>), with the layer structure the staging rule gives.
/// </summary>
public sealed class GraphFormatTests
{
    private static string Doc(string nodes, string output = "out", string shape = "[2]") =>
        $$"""{"format":"pwl-network/2","input":{"name":"x","shape":{{shape}}},"nodes":[{{nodes}}],"output":"{{output}}"}""";

    public const string ResidualBlock = """
        {
          "format": "pwl-network/2",
          "name": "residual-block",
          "input": { "name": "x", "shape": [2] },
          "nodes": [
            { "name": "fc1", "op": "dense", "input": "x", "weights": [[1, -0.5], [0.3, 0.8], [-0.7, 0.2]], "biases": [0.1, -0.2, 0.05] },
            { "name": "h1", "op": "relu", "input": "fc1" },
            { "name": "fc2", "op": "dense", "input": "h1", "weights": [[0.6, -0.4, 0.9], [-0.3, 0.5, 0.7]], "biases": [0, 0.1] },
            { "name": "sum", "op": "add", "inputs": ["fc2", "x"] },
            { "name": "h2", "op": "relu", "input": "sum" },
            { "name": "out", "op": "dense", "input": "h2", "weights": [[1, -1]], "biases": [0] }
          ],
          "output": "out"
        }
        """;

    public static TheoryData<string, string> Refusals() => new()
    {
        { Doc("""{"name":"out","op":"relu","input":"x"}""").Replace("\"output\"", "\"extra\":1,\"output\""), "extra: unknown field" },
        { Doc("""{"name":"out","op":"relu","input":"x","slope":0.1}"""), "nodes[0].slope: unknown field for relu" },
        { Doc("""{"name":"out","op":"sigmoid","input":"x"}"""), "nodes[0].op: 'sigmoid' is not one of" },
        { Doc("""{"name":"out","op":"relu","input":"y"}"""), "nodes[0]: node 'out' (relu) reads 'y', which is neither the input nor an earlier node" },
        { Doc("""{"name":"out","op":"relu","input":"x"},{"name":"out","op":"abs","input":"x"}"""), "nodes[1].name: 'out' is already the name" },
        { Doc("""{"name":"out","op":"dense","input":"x","weights":[[1,2,3]],"biases":[0]}"""), "nodes[0].weights[0]: 3 entries, expected 2" },
        { Doc("""{"name":"out","op":"dense","input":"x","weights":[[1,2]],"biases":["0"]}"""), "nodes[0].biases[0]: expected a finite number" },
        { Doc("""{"name":"a","op":"abs","input":"x"},{"name":"out","op":"relu","input":"x"}"""), "nodes[0]: node 'a' (abs) does not reach the output 'out'" },
        { Doc("""{"name":"out","op":"leaky_relu","input":"x","slope":0.1,"slopes":[0.1,0.2]}"""), "nodes[0].slope: give slope" },
        { Doc("""{"name":"out","op":"scale","input":"x","scale":[1,2,3],"shift":[0]}"""), "nodes[0]: node 'out' (scale): 3 scale values for a value of shape [2]" },
        { Doc("""{"name":"out","op":"maxout","input":"x","rank":3}"""), "nodes[0]: node 'out' (maxout): 2 values are not a multiple of rank 3" },
        { Doc("""{"name":"out","op":"conv","input":"x","weights":[[[1]],[[1]],[[1]]],"group":2}""", shape: "[2,3]"), "nodes[0]: node 'out' (conv): 2 groups do not fit 2 input and 3 output channels" },
        { Doc("""{"name":"out","op":"maxpool","input":"x","kernel":[4]}""", shape: "[1,3]"), "nodes[0]: node 'out' (maxpool): the kernel (4) is larger than the padded input (3)" },
        { Doc("""{"name":"out","op":"add","inputs":["x","h"]},{"name":"h","op":"relu","input":"x"}"""), "nodes[0]: node 'out' (add) reads 'h'" },
        { Doc("""{"name":"out","op":"reshape","input":"x","shape":[3]}"""), "nodes[0]: node 'out' (reshape): cannot reshape [2] to [3]" },
        { Doc("""{"name":"out","op":"hardtanh","input":"x","min":1,"max":1}"""), "nodes[0]: node 'out' (hardtanh): min 1 is not below max 1" },
        { Doc("""{"name":"out","op":"relu","input":"x"}""", output: "z"), "output: 'z' is neither the input nor a node" },
        { Doc("""{"name":"out","op":"relu","input":"x"}""", shape: "[1,1,1,2]"), "input.shape: shape [1,1,1,2] has rank 4" },
        { Doc("""{"name":"out","op":"relu","input":"x"}""").Replace("\"input\":{\"name\":\"x\",", "\"input\":{\"name\":\"x\",\"type\":1,"), "input.type: unknown field" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_graph_is_refused_naming_its_path_and_node(string json, string expected)
    {
        var error = Assert.Throws<NetworkFormatException>(() => NetworkReader.Parse(json));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dense_map_over_the_weights_budget_is_refused_before_it_is_read()
    {
        var limits = ResourceLimits.Default with { Weights = 3 };
        var error = Assert.Throws<InvalidRequestException>(() => NetworkReader.Parse(Doc("""{"name":"out","op":"dense","input":"x","weights":[[1,2],[3,4]],"biases":[0,0]}"""), limits));
        Assert.Contains("network has 4 weights up to nodes[0].weights", error.Message);
    }

    [Fact]
    public void The_lowered_chain_is_held_to_the_weights_budget()
    {
        // A 1 x 2 kernel on a [1, 40] input is 2 weights in the file and a 39 x 40 map in the chain.
        var kernel = Doc("""{"name":"c","op":"conv","input":"x","weights":[[[1,-1]]]},{"name":"out","op":"relu","input":"c"}""", output: "out", shape: "[1,40]");
        var error = Assert.Throws<InvalidRequestException>(() => NetworkReader.Parse(kernel, ResourceLimits.Default with { Weights = 1000 }));
        Assert.Contains("network would have 1,560 weights at node 'c' (conv)", error.Message);
    }

    [Fact]
    public void A_residual_block_lowers_to_carried_rows_and_computes_the_graph()
    {
        var network = NetworkReader.Parse(ResidualBlock);
        Assert.NotNull(network.Source);
        Assert.Equal([5, 2, 1], network.Layers.Select(l => l.Rows));
        Assert.Equal([2, 0, 0], network.Layers.Select(l => l.Carried));
        Assert.Equal(5, network.PiecewiseUnits);
        AssertComputesTheGraph(network, 2, seed: 1);
    }

    [Fact]
    public void A_residual_block_is_counted_exactly_and_every_sampled_pattern_is_found()
    {
        var network = NetworkReader.Parse(ResidualBlock);
        var box = Box.Cube(2, -3, 3);
        var regions = new BoxEnumerator(network).Enumerate(box, false, default).Regions;
        var exact = regions.Select(r => r.Fingerprint).ToHashSet();
        Assert.Equal(exact, ExactTestSupport.ExactFingerprints(network, box, cells: 4));
        Assert.Subset(exact, ExactTestSupport.Sampled(network, box, 50_000, 5));
        Assert.True(exact.Count >= 4, $"{exact.Count} regions");
        foreach (var region in regions)
        {
            var x = region.InteriorPoint;
            Assert.Equal(GraphReference.Forward(network.Source!, x)[0], region.Outputs[0].At(x), 1e-9);
        }
    }

    [Fact]
    public void A_skip_across_two_stages_is_carried_through_both_layers()
    {
        var json = Doc("""
            {"name":"a","op":"dense","input":"x","weights":[[1,0.5],[-0.4,1],[0.3,-0.9]],"biases":[0.1,0,-0.1]},
            {"name":"r1","op":"relu","input":"a"},
            {"name":"b","op":"dense","input":"r1","weights":[[0.5,-1,0.2],[1,0.3,-0.6],[-0.2,0.8,0.4]],"biases":[0,0.2,0]},
            {"name":"r2","op":"leaky_relu","input":"b","slope":0.25},
            {"name":"c","op":"dense","input":"r2","weights":[[1,-1,0.5],[0.2,0.4,-0.3]],"biases":[0,0]},
            {"name":"s","op":"add","inputs":["c","x"]},
            {"name":"out","op":"dense","input":"s","weights":[[1,2]],"biases":[0.5]}
            """);
        var network = NetworkReader.Parse(json);
        Assert.Equal([2, 2, 0], network.Layers.Select(l => l.Carried));
        Assert.Equal([Activation.Relu, Activation.LeakyRelu, Activation.Linear], network.Layers.Select(l => l.Activation));
        AssertComputesTheGraph(network, 2, seed: 2);
    }

    [Fact]
    public void Different_kinds_at_one_depth_become_successive_layers_and_relu_with_leaky_share_one()
    {
        var json = Doc("""
            {"name":"p","op":"dense","input":"x","weights":[[1,0.5],[-0.4,1],[0.3,-0.9]],"biases":[0.1,0,-0.1]},
            {"name":"q","op":"dense","input":"x","weights":[[0.7,0.5],[-0.4,0.2],[0.9,-0.3]],"biases":[0,0.3,-0.2]},
            {"name":"r","op":"relu","input":"p"},
            {"name":"a","op":"abs","input":"q"},
            {"name":"l","op":"leaky_relu","input":"q","slopes":[0.1,-0.5,2]},
            {"name":"s","op":"add","inputs":["r","a"]},
            {"name":"t","op":"add","inputs":["s","l"]},
            {"name":"out","op":"dense","input":"t","weights":[[1,-2,0.5]],"biases":[0]}
            """);
        var network = NetworkReader.Parse(json);
        // Depth 1: relu and leaky_relu in one layer (per-unit slopes, relu's 0), the abs units after it reading q carried.
        Assert.Equal([Activation.LeakyRelu, Activation.Abs, Activation.Linear], network.Layers.Select(l => l.Activation));
        Assert.Equal([3, 6, 0], network.Layers.Select(l => l.Carried));
        Assert.Equal([0, 0, 0, 0.1, -0.5, 2], Enumerable.Range(0, 6).Select(network.Layers[0].SlopeOf));
        Assert.Equal(9, network.PiecewiseUnits);
        AssertComputesTheGraph(network, 2, seed: 3);
    }

    [Fact]
    public void Every_affine_and_window_op_lowers_to_the_graphs_function()
    {
        var graph = ConvGraph(seed: 4, side: 6);
        var network = GraphLowering.Lower(graph);
        Assert.Equal([Activation.HardTanh, Activation.Maxout, Activation.Linear], network.Layers.Select(l => l.Activation));
        AssertComputesTheGraph(network, graph.Inputs, seed: 4);
        // The same through the file: written as the graph, read back to the same chain.
        var back = NetworkReader.Parse(NetworkWriter.ToJson(network));
        Assert.Equal(network.Layers.Select(l => l.Weights.ToArray()), back.Layers.Select(l => l.Weights.ToArray()));
    }

    [Fact]
    public void Writing_and_reading_a_graph_gives_it_back_exactly()
    {
        var network = NetworkReader.Parse(ResidualBlock).WithMeta(new JsonObject { ["note"] = "kept" });
        var json = NetworkWriter.ToJson(network);
        Assert.Contains("\"format\": \"pwl-network/2\"", json);
        Assert.Contains("\"note\": \"kept\"", json);
        var back = NetworkReader.Parse(json);
        Assert.Equal("residual-block", back.Name);
        Assert.Equal(json, NetworkWriter.ToJson(back));
        var conv = GraphLowering.Lower(ConvGraph(seed: 5, side: 6));
        var convJson = NetworkWriter.ToJson(conv);
        Assert.Equal(convJson, NetworkWriter.ToJson(NetworkReader.Parse(convJson)));
    }

    [Fact]
    public void A_convolution_is_stored_as_its_kernels_much_smaller_than_its_chain()
    {
        var lowered = GraphLowering.Lower(ConvGraph(seed: 6, side: 16));
        var graphFile = NetworkWriter.ToJson(lowered, indented: false);
        var chainFile = NetworkWriter.ToJson(new Network(lowered.Inputs, lowered.Layers), indented: false);
        Assert.Contains("\"op\":\"conv\"", graphFile);
        Assert.True(graphFile.Length * 20 < chainFile.Length, $"graph {graphFile.Length:N0} bytes, chain {chainFile.Length:N0} bytes");
    }

    [Fact]
    public void A_stored_job_carries_the_graph_and_reads_back_to_the_same_count()
    {
        var network = NetworkReader.Parse(ResidualBlock);
        var box = Box.Cube(2, -3, 3);
        var job = new Grains.Jobs.CountJob(network, box, Grains.Jobs.CountMethod.Exact, 0, 1, 0, Grains.Jobs.SamplerKind.Random).Validated(1);
        var spec = Grains.Storage.JobSpec.From(job);
        Assert.Contains("\"format\":\"pwl-network/2\"", spec.Network);
        var back = spec.ToCountJob().Network;
        Assert.Equal([2, 0, 0], back.Layers.Select(l => l.Carried));
        Assert.Equal(ExactTestSupport.Exact(network, box), ExactTestSupport.Exact(back, box));
    }

    [Fact]
    public void A_chain_with_carried_rows_but_no_graph_is_not_written_as_a_chain()
    {
        var network = NetworkReader.Parse(ResidualBlock);
        var bare = new Network(network.Inputs, network.Layers);
        Assert.Throws<InvalidOperationException>(() => NetworkWriter.ToJson(bare));
    }

    /// <summary>[2, side, side] -> per-channel scale -> pad -> grouped conv -> clip(-0.5, 2) -> pad -> max-pool -> avg-pool -> dense.</summary>
    private static GraphNetwork ConvGraph(int seed, int side)
    {
        var random = new Random(seed);
        double[] Values(int n) => Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 3)).ToArray();
        GraphNode[] nodes =
        [
            new ScaleNode("norm", "x", [0.5, 2], [0.1, -0.1]),
            new PadNode("pad", "norm", [0, 1, 1, 0, 1, 1], 0.25),
            new ConvNode("conv", "pad", [4, 1, 3, 3], Values(36), Values(4), [1, 1], [0, 0, 0, 0], null, 2),
            new HardTanhNode("clip", "conv", -0.5, 2),
            new MaxPoolNode("pool", "clip", [2, 2], [2, 2], [1, 1, 0, 0], null),
            new AvgPoolNode("avg", "pool", [2, 2], [1, 1], null, null, false),
        ];
        var probe = new GraphNetwork("x", [2, side, side], nodes, "avg");
        var flat = probe.SizeOf("avg");
        nodes = [.. nodes, new ReshapeNode("flat", "avg", [flat]), new DenseNode("out", "flat", 2, Values(2 * flat), Values(2))];
        return new GraphNetwork("x", [2, side, side], nodes, "out", "conv-graph");
    }

    private static void AssertComputesTheGraph(Network network, int inputs, int seed)
    {
        var interpreter = new Interpreter(network);
        var random = new Random(seed);
        for (var s = 0; s < 200; s++)
        {
            var x = Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            var want = GraphReference.Forward(network.Source!, x);
            var got = interpreter.Forward(x);
            Assert.Equal(want.Length, got.Length);
            for (var i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 1e-9);
        }
    }
}
