using Onnx;

namespace Regions.Onnx;

/// <summary>What every lowering reads and writes: the values by name, the chain being built, the opset, and which names are read later.</summary>
internal sealed class ImportContext(ChainBuilder chain, long opset, ISet<string> usedNames)
{
    private readonly Dictionary<string, GraphValue> values = [];

    public ChainBuilder Chain => chain;

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

    /// <summary>Input <paramref name="index"/> as the chain's current value.</summary>
    public ComputedValue Computed(NodeProto node, int index)
    {
        if (Input(node, index) is not ComputedValue value)
            throw OnnxRefusal.At(node, $"input '{node.Input[index]}' is a constant where the lowering expects the value computed from the input");
        chain.Expect(value, node, node.Input[index]);
        return value;
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
