using System.Text.Json.Nodes;
using Onnx;
using Regions.Kernel;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>Which graph input and output to import when a graph has several (null: the only one).</summary>
/// <param name="Limits">Budgets checked while importing, before each dense map is allocated (default: <see cref="ResourceLimits.Default"/>).</param>
public sealed record OnnxImportOptions(string? Input = null, string? Output = null, ResourceLimits? Limits = null);

/// <summary>
/// Imports an ONNX model (as PyTorch exports it, opset 9 to 17) into a <c>pwl-network/2</c> graph, exactly: the
/// same function, with the same units, so the same regions (see <c>docs/onnx-import.md</c>). Every node on the way
/// to the output is translated or the import is refused naming it; nothing is dropped. <see cref="Import"/> lowers
/// the graph into the compute chain (<see cref="GraphLowering"/>), which keeps the graph as its source.
/// </summary>
public static class OnnxImporter
{
    private delegate void Lowering(NodeProto node, ImportContext context);

    private static readonly Dictionary<string, Lowering> lowerings = new()
    {
        ["Gemm"] = LinearLowering.Gemm,
        ["MatMul"] = LinearLowering.MatMul,
        ["Add"] = ElementwiseLowering.Add,
        ["Sub"] = ElementwiseLowering.Sub,
        ["Mul"] = ElementwiseLowering.Mul,
        ["Div"] = ElementwiseLowering.Div,
        ["BatchNormalization"] = ElementwiseLowering.BatchNormalization,
        ["Relu"] = ActivationLowering.Relu,
        ["LeakyRelu"] = ActivationLowering.LeakyRelu,
        ["PRelu"] = ActivationLowering.PRelu,
        ["Abs"] = ActivationLowering.Abs,
        ["Clip"] = ActivationLowering.Clip,
        ["Conv"] = ConvLowering.Conv,
        ["Pad"] = PadLowering.Pad,
        ["AveragePool"] = PoolLowering.AveragePool,
        ["GlobalAveragePool"] = PoolLowering.GlobalAveragePool,
        ["MaxPool"] = PoolLowering.MaxPool,
        ["GlobalMaxPool"] = PoolLowering.GlobalMaxPool,
        ["Identity"] = ShapeLowering.Identity,
        ["Dropout"] = ShapeLowering.Dropout,
        ["Flatten"] = ShapeLowering.Flatten,
        ["Reshape"] = ShapeLowering.Reshape,
        ["Squeeze"] = ShapeLowering.Squeeze,
        ["Unsqueeze"] = ShapeLowering.Unsqueeze,
        ["Constant"] = ConstantFolding.Constant,
        ["Shape"] = ConstantFolding.Shape,
        ["Gather"] = ConstantFolding.Gather,
        ["Concat"] = ConstantFolding.Concat,
        ["Cast"] = ConstantFolding.Cast,
        ["ConstantOfShape"] = ConstantFolding.ConstantOfShape,
    };

    /// <summary>True when the bytes look like a JSON document (optional whitespace, then '{'); anything else is tried as ONNX.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'{';
        }
        return false;
    }

    /// <summary>The model as the compute chain, lowered from its graph (<see cref="Network.Source"/>), held to the budgets while it is built.</summary>
    public static Network Import(ReadOnlySpan<byte> bytes, OnnxImportOptions? options = null)
    {
        options ??= new OnnxImportOptions();
        return GraphLowering.Lower(ImportGraph(bytes, options), options.Limits ?? ResourceLimits.Default);
    }

    /// <summary>The model as a <c>pwl-network/2</c> graph: each node stored as itself (a convolution as its kernels, a skip connection as an add).</summary>
    public static GraphNetwork ImportGraph(ReadOnlySpan<byte> bytes, OnnxImportOptions? options = null)
    {
        options ??= new OnnxImportOptions();
        var model = OnnxModelReader.Parse(bytes);
        var opset = OnnxModelReader.Opset(model);
        var graph = model.Graph;

        var initializers = new Dictionary<string, TensorProto>();
        foreach (var t in graph.Initializer) initializers[t.Name] = t;
        // Older exporters list the initializers among the inputs too: those are constants, not inputs.
        var inputs = graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToArray();
        var input = Choose(inputs.Select(i => i.Name).ToArray(), options.Input, "input", "inputs");
        var output = Choose(graph.Output.Select(o => o.Name).ToArray(), options.Output, "output", "outputs");
        var inputInfo = inputs.First(i => i.Name == input);
        var inputShape = InputShape(inputInfo);

        var producers = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node) foreach (var name in node.Output) if (name.Length > 0) producers[name] = node;
        RefuseDeadNodes(graph, producers);
        var needed = Ancestors(output, producers);
        var used = new HashSet<string>(needed.SelectMany(n => n.Input).Where(n => n.Length > 0)) { output };

        var limits = options.Limits ?? ResourceLimits.Default;
        var inputCount = Shapes.Size(inputShape);
        limits.Check(inputCount, "inputs", () => $"input '{input}' has {inputCount:N0} elements");
        var builder = new GraphBuilder(input, GraphBuilder.GraphShape(inputShape));
        var context = new ImportContext(builder, opset, used);
        foreach (var name in used)
        {
            if (initializers.TryGetValue(name, out var proto) && name != input)
                context.Set(name, new ConstantValue(Tensor.From(proto, $"initializer '{name}'")));
        }
        foreach (var other in inputs)
        {
            if (other.Name != input && used.Contains(other.Name))
                throw OnnxRefusal.Model($"output '{output}' also reads input '{other.Name}'; only one input is supported");
        }
        context.Set(input, new ComputedValue(inputShape, input));

        foreach (var node in graph.Node)
        {
            if (!needed.Contains(node)) continue;
            if (node.Domain is not ("" or "ai.onnx") || !lowerings.TryGetValue(node.OpType, out var lower))
                throw OnnxRefusal.At(node, $"operator {(node.Domain is "" or "ai.onnx" ? "" : node.Domain + ".")}{node.OpType} is not supported; supported: {OnnxRefusal.Supported}");
            if (node.Output.Count == 0 || node.Output[0].Length == 0) throw OnnxRefusal.At(node, "no output");
            lower(node, context);
        }

        if (!context.TryGet(output, out var result)) throw OnnxRefusal.Model($"output '{output}' is produced by no node");
        if (result is not ComputedValue computed)
            throw OnnxRefusal.Model($"output '{output}' does not depend on input '{input}'");
        var last = graph.Node.LastOrDefault(needed.Contains) ?? new NodeProto { Name = output, OpType = "Identity" };
        var outputValue = context.Read(computed, last);
        var meta = new JsonObject
        {
            ["source"] = "onnx",
            ["producer"] = $"{model.ProducerName} {model.ProducerVersion}".Trim(),
            ["opset"] = opset,
            ["input"] = input,
            ["inputShape"] = new JsonArray(inputShape.Select(d => (JsonNode)d).ToArray()),
            ["output"] = output,
            ["outputShape"] = new JsonArray(computed.Shape.Select(d => (JsonNode)d).ToArray()),
        };
        return new GraphNetwork(input, builder.InputShape, builder.Nodes, outputValue, string.IsNullOrEmpty(graph.Name) ? null : graph.Name, meta);
    }

    private static string Choose(string[] names, string? asked, string field, string plural)
    {
        if (asked is not null)
        {
            return names.Contains(asked)
                ? asked
                : throw new InvalidRequestException(field, $"'{asked}' is not one of the graph's {plural}: {string.Join(", ", names)}");
        }
        return names.Length switch
        {
            1 => names[0],
            0 => throw OnnxRefusal.Model($"the graph has no {plural} (besides initializers)"),
            _ => throw new InvalidRequestException(field, $"the graph has several {plural} ({string.Join(", ", names)}); choose one (regions import --{field} NAME)"),
        };
    }

    /// <summary>The input's static shape with a dynamic batch dimension (axis 0 of a rank >= 2 input) fixed to 1.</summary>
    private static long[] InputShape(ValueInfoProto input)
    {
        var tensor = input.Type?.TensorType ?? throw OnnxRefusal.Model($"input '{input.Name}' is not a tensor");
        var element = (TensorProto.Types.DataType)tensor.ElemType;
        if (element is not (TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Float16))
            throw OnnxRefusal.Model($"input '{input.Name}' has element type {element}; a floating-point input is needed");
        if (tensor.Shape is null) throw OnnxRefusal.Model($"input '{input.Name}' has no shape; a static shape is needed");
        var dims = tensor.Shape.Dim;
        var shape = new long[dims.Count];
        for (var i = 0; i < dims.Count; i++)
        {
            var d = dims[i];
            var isStatic = d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0;
            if (isStatic) shape[i] = d.DimValue;
            else if (i == 0 && dims.Count >= 2) shape[i] = 1;
            else
            {
                var label = d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? $"'{d.DimParam}'" : "unknown";
                throw OnnxRefusal.Model($"input '{input.Name}' has a dynamic dimension {label} on axis {i}; only the batch axis (0) can be fixed (to 1)");
            }
        }
        if (dims.Count >= 2 && shape[0] != 1)
            throw OnnxRefusal.Model($"input '{input.Name}' has a static batch of {shape[0]}; the import needs a batch of 1 or a dynamic one");
        if (Shapes.Size(shape) < 1) throw OnnxRefusal.Model($"input '{input.Name}' has no elements");
        return shape;
    }

    /// <summary>The nodes the output depends on.</summary>
    private static HashSet<NodeProto> Ancestors(string output, Dictionary<string, NodeProto> producers)
    {
        var needed = new HashSet<NodeProto>();
        var stack = new Stack<string>([output]);
        while (stack.TryPop(out var name))
        {
            if (!producers.TryGetValue(name, out var node) || !needed.Add(node)) continue;
            foreach (var i in node.Input) if (i.Length > 0) stack.Push(i);
        }
        return needed;
    }

    /// <summary>A node no graph output depends on would be dropped in silence: refused.</summary>
    private static void RefuseDeadNodes(GraphProto graph, Dictionary<string, NodeProto> producers)
    {
        var live = new HashSet<NodeProto>();
        foreach (var o in graph.Output) live.UnionWith(Ancestors(o.Name, producers));
        foreach (var node in graph.Node)
        {
            if (!live.Contains(node))
                throw OnnxRefusal.At(node, "no graph output depends on it; a node that would be dropped is refused");
        }
    }
}
