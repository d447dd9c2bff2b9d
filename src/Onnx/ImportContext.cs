using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>What every translation reads and writes: the values by name, the graph being built, the opset, and which names are read later.</summary>
internal sealed class ImportContext(GraphBuilder graph, long opset, ISet<string> usedNames)
{
    private readonly Dictionary<string, GraphValue> values = [];

    public GraphBuilder Graph => graph;

    /// <summary>The version of the default ONNX operator set the model imports.</summary>
    public long Opset => opset;

    public void Set(string name, GraphValue value) => values[name] = value;

    public bool TryGet(string name, out GraphValue value) => values.TryGetValue(name, out value!);

    public GraphValue Input(NodeProto node, int index)
    {
        var name = node.InputAt(index) ?? throw OnnxRefusal.At(node, $"input {index} is missing");
        return values.TryGetValue(name, out var value)
            ? value
            : throw OnnxRefusal.At(node, $"input '{name}' is neither a graph input, an initializer nor an earlier node's output");
    }

    public GraphValue? OptionalInput(NodeProto node, int index) => node.InputAt(index) is null ? null : Input(node, index);

    /// <summary>Input <paramref name="index"/>, which must be a constant (<paramref name="what"/> names it in a refusal).</summary>
    public Tensor Constant(NodeProto node, int index, string what) => Input(node, index) switch
    {
        ConstantValue c => c.Tensor,
        _ => throw OnnxRefusal.At(node, $"{what} ('{node.Input[index]}') is computed from the input; only constant {what}s can be folded"),
    };

    /// <summary>Input <paramref name="index"/>, which must be computed from the input.</summary>
    public ComputedValue Computed(NodeProto node, int index) =>
        Input(node, index) as ComputedValue
        ?? throw OnnxRefusal.At(node, $"input '{node.Input[index]}' is a constant where the translation expects a value computed from the input");

    /// <summary>The graph value holding <paramref name="value"/> under its ONNX shape: a <c>reshape</c> node when a shape operator changed it.</summary>
    public string Read(ComputedValue value, NodeProto reader)
    {
        var wanted = GraphBuilder.GraphShape(value.Shape);
        if (graph.ShapeOf(value.Value).SequenceEqual(wanted)) return value.Value;
        var name = graph.NameFor(reader, "#reshape");
        return graph.Add(new ReshapeNode(name, value.Value, wanted), reader);
    }

    /// <summary>Adds the graph node for the ONNX node's first output, whose ONNX shape is <paramref name="shape"/>.</summary>
    public void Emit(NodeProto node, GraphNode graphNode, long[] shape)
    {
        graph.Add(graphNode, node);
        Set(node.Output[0], new ComputedValue(shape, graphNode.Name));
    }

    /// <summary>Adds a node whose ONNX shape is its graph shape with the batch axis in front (a convolution, a pooling).</summary>
    public void EmitBatched(NodeProto node, GraphNode graphNode)
    {
        graph.Add(graphNode, node);
        long[] shape = [1, .. graph.ShapeOf(graphNode.Name).Select(d => (long)d)];
        Set(node.Output[0], new ComputedValue(shape, graphNode.Name));
    }

    /// <summary>Refuses a node whose outputs past the first (masks, indices, running statistics) are read by another node.</summary>
    public void OnlyFirstOutputUsed(NodeProto node)
    {
        for (var i = 1; i < node.Output.Count; i++)
        {
            if (node.Output[i].Length > 0 && usedNames.Contains(node.Output[i]))
                throw OnnxRefusal.At(node, $"output {i} ('{node.Output[i]}') is read by another node; only the first output is supported");
        }
    }
}
