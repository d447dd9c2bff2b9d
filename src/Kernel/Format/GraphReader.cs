using System.Text.Json;
using System.Text.Json.Nodes;
using Regions.Kernel.Limits;
using Regions.Kernel.Model.Graph;

namespace Regions.Kernel.Format;

/// <summary>
/// Reads and validates <c>pwl-network/2</c> (after <see cref="StrictJson"/> and the size checks of
/// <see cref="NetworkReader"/>): unknown fields refused, numbers finite, shapes checked node by node, each problem
/// with its JSON path and the node's name; the weights budget checked before each node's arrays are allocated.
/// </summary>
public static class GraphReader
{
    public const string FormatName = "pwl-network/2";

    private static readonly string[] TopFields = ["format", "name", "input", "nodes", "output", "meta"];

    /// <summary>The fields each op allows besides name, op and input (inputs for add); the required ones are read by each op.</summary>
    private static readonly Dictionary<string, string[]> OpFields = new()
    {
        ["dense"] = ["weights", "biases"],
        ["conv"] = ["weights", "biases", "strides", "pads", "dilations", "group"],
        ["scale"] = ["scale", "shift"],
        ["pad"] = ["pads", "value"],
        ["avgpool"] = ["kernel", "strides", "pads", "dilations", "count_include_pad"],
        ["reshape"] = ["shape"],
        ["add"] = [],
        ["relu"] = [],
        ["abs"] = [],
        ["leaky_relu"] = ["slope", "slopes"],
        ["hardtanh"] = ["min", "max"],
        ["maxpool"] = ["kernel", "strides", "pads", "dilations"],
        ["maxout"] = ["rank"],
    };

    internal static GraphNetwork Read(JsonElement root, ResourceLimits limits)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!TopFields.Contains(property.Name))
                throw new NetworkFormatException(property.Name, $"unknown field (expected {string.Join(", ", TopFields)})");
        }
        var input = Required(root, "input", "input");
        if (input.ValueKind != JsonValueKind.Object) throw new NetworkFormatException("input", "expected an object with name and shape");
        foreach (var property in input.EnumerateObject())
        {
            if (property.Name is not ("name" or "shape")) throw new NetworkFormatException($"input.{property.Name}", "unknown field (expected name, shape)");
        }
        var inputName = String(Required(input, "name", "input.name"), "input.name");
        var inputShape = IntArray(Required(input, "shape", "input.shape"), "input.shape", min: 1);
        try
        {
            Shape.Check(inputShape);
        }
        catch (GraphException e)
        {
            throw new NetworkFormatException("input.shape", e.Message);
        }
        var inputSize = Shape.Size(inputShape);
        limits.Check(inputSize, "inputs", () => $"network has {inputSize:N0} inputs");

        var nodesElement = Required(root, "nodes", "nodes");
        if (nodesElement.ValueKind != JsonValueKind.Array) throw new NetworkFormatException("nodes", "expected an array");
        var shapes = new Dictionary<string, int[]>();
        shapes[inputName] = inputShape;
        var nodes = new List<GraphNode>();
        var tally = new WeightTally();
        var index = 0;
        foreach (var element in nodesElement.EnumerateArray())
        {
            var path = $"nodes[{index++}]";
            var node = ReadNode(element, path, shapes, limits, tally);
            nodes.Add(node);
            try
            {
                shapes[node.Name] = node.OutputShape(node.Inputs.Select(i => shapes[i]).ToArray());
                Shape.Check(shapes[node.Name]);
            }
            catch (Exception e) when (e is GraphException or OverflowException)
            {
                throw new NetworkFormatException(path, $"node '{node.Name}' ({node.Op}): {(e is OverflowException ? "a shape too large" : e.Message)}");
            }
        }
        var output = String(Required(root, "output", "output"), "output");
        string? name = null;
        if (root.TryGetProperty("name", out var nameElement)) name = String(nameElement, "name");
        JsonObject? meta = null;
        if (root.TryGetProperty("meta", out var metaElement))
        {
            if (metaElement.ValueKind != JsonValueKind.Object) throw new NetworkFormatException("meta", "expected an object");
            meta = JsonNode.Parse(metaElement.GetRawText())!.AsObject();
        }
        return new GraphNetwork(inputName, inputShape, nodes, output, name, meta);
    }

    private static GraphNode ReadNode(JsonElement element, string path, Dictionary<string, int[]> shapes, ResourceLimits limits, WeightTally tally)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new NetworkFormatException(path, "expected an object");
        var name = String(Required(element, "name", $"{path}.name"), $"{path}.name");
        if (name.Length == 0) throw new NetworkFormatException($"{path}.name", "a name is needed");
        if (shapes.ContainsKey(name)) throw new NetworkFormatException($"{path}.name", $"'{name}' is already the name of the input or an earlier node");
        var op = String(Required(element, "op", $"{path}.op"), $"{path}.op");
        if (!OpFields.TryGetValue(op, out var fields))
            throw new NetworkFormatException($"{path}.op", $"'{op}' is not one of {string.Join(", ", OpFields.Keys)}");
        var inputField = op == "add" ? "inputs" : "input";
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "name" && property.Name != "op" && property.Name != inputField && !fields.Contains(property.Name))
                throw new NetworkFormatException($"{path}.{property.Name}", $"unknown field for {op} (expected name, op, {inputField}{string.Concat(fields.Select(f => ", " + f))})");
        }
        var context = $"node '{name}' ({op})";
        string[] inputs;
        if (op == "add")
        {
            var list = Required(element, "inputs", $"{path}.inputs");
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() != 2) throw new NetworkFormatException($"{path}.inputs", "expected two names");
            inputs = list.EnumerateArray().Select((e, i) => String(e, $"{path}.inputs[{i}]")).ToArray();
        }
        else inputs = [String(Required(element, "input", $"{path}.input"), $"{path}.input")];
        foreach (var read in inputs)
        {
            if (!shapes.ContainsKey(read))
                throw new NetworkFormatException(path, $"{context} reads '{read}', which is neither the input nor an earlier node");
        }
        var inputShape = shapes[inputs[0]];
        var inputSize = (int)Shape.Size(inputShape);

        void Reserve(long count, string field)
        {
            tally.Weights += count;
            var total = tally.Weights;
            limits.Check(total, "weights", () => $"network has {total:N0} weights up to {path}.{field}");
            if (count > Array.MaxLength) throw new NetworkFormatException($"{path}.{field}", "too many values for one array");
        }

        switch (op)
        {
            case "dense":
            {
                var w = Required(element, "weights", $"{path}.weights");
                if (w.ValueKind != JsonValueKind.Array || w.GetArrayLength() == 0) throw new NetworkFormatException($"{path}.weights", "expected a non-empty array of rows");
                var rows = w.GetArrayLength();
                Reserve((long)rows * inputSize, "weights");
                var values = Tensor(w, $"{path}.weights", [rows, inputSize]);
                var biases = Numbers(Required(element, "biases", $"{path}.biases"), $"{path}.biases", rows);
                return new DenseNode(name, inputs[0], rows, values, biases);
            }
            case "conv":
            {
                var w = Required(element, "weights", $"{path}.weights");
                var shape = NestedShape(w, $"{path}.weights", inputShape.Length + 1);
                Reserve(shape.Aggregate(1L, (a, d) => a * d), "weights");
                var values = Tensor(w, $"{path}.weights", shape);
                var biases = element.TryGetProperty("biases", out var b) ? Numbers(b, $"{path}.biases", shape[0]) : null;
                var group = element.TryGetProperty("group", out var g) ? Int(g, $"{path}.group", 1) : 1;
                return new ConvNode(name, inputs[0], shape, values, biases, Optional(element, "strides", path, 1), Optional(element, "pads", path, 0),
                    Optional(element, "dilations", path, 1), group);
            }
            case "scale":
                return new ScaleNode(name, inputs[0], Numbers(Required(element, "scale", $"{path}.scale"), $"{path}.scale"),
                    Numbers(Required(element, "shift", $"{path}.shift"), $"{path}.shift"));
            case "pad":
                return new PadNode(name, inputs[0], IntArray(Required(element, "pads", $"{path}.pads"), $"{path}.pads", min: 0),
                    element.TryGetProperty("value", out var v) ? Number(v, $"{path}.value") : 0);
            case "avgpool":
                return new AvgPoolNode(name, inputs[0], IntArray(Required(element, "kernel", $"{path}.kernel"), $"{path}.kernel", min: 1),
                    Optional(element, "strides", path, 1), Optional(element, "pads", path, 0), Optional(element, "dilations", path, 1),
                    element.TryGetProperty("count_include_pad", out var c) && Bool(c, $"{path}.count_include_pad"));
            case "reshape":
                return new ReshapeNode(name, inputs[0], IntArray(Required(element, "shape", $"{path}.shape"), $"{path}.shape", min: 1));
            case "add":
                return new AddNode(name, inputs[0], inputs[1]);
            case "relu":
                return new ReluNode(name, inputs[0]);
            case "abs":
                return new AbsNode(name, inputs[0]);
            case "leaky_relu":
            {
                var hasSlope = element.TryGetProperty("slope", out var s);
                var hasSlopes = element.TryGetProperty("slopes", out var ss);
                if (hasSlope == hasSlopes) throw new NetworkFormatException($"{path}.slope", "give slope (one for every unit) or slopes (one per channel), not both or neither");
                return hasSlope
                    ? new LeakyReluNode(name, inputs[0], Number(s, $"{path}.slope"), null)
                    : new LeakyReluNode(name, inputs[0], 0, Numbers(ss, $"{path}.slopes"));
            }
            case "hardtanh":
                return new HardTanhNode(name, inputs[0],
                    element.TryGetProperty("min", out var lo) ? Number(lo, $"{path}.min") : -1,
                    element.TryGetProperty("max", out var hi) ? Number(hi, $"{path}.max") : 1);
            case "maxpool":
                return new MaxPoolNode(name, inputs[0], IntArray(Required(element, "kernel", $"{path}.kernel"), $"{path}.kernel", min: 1),
                    Optional(element, "strides", path, 1), Optional(element, "pads", path, 0), Optional(element, "dilations", path, 1));
            case "maxout":
                return new MaxoutNode(name, inputs[0], Int(Required(element, "rank", $"{path}.rank"), $"{path}.rank", 2, Model.Layer.MaxRank));
            default:
                throw new InvalidOperationException(op);
        }
    }

    /// <summary>Weights read so far, held to the budget before each node's arrays are allocated.</summary>
    private sealed class WeightTally
    {
        public long Weights;
    }

    /// <summary>The shape of a nested array of numbers of <paramref name="rank"/> levels, read along its first elements (every level is checked by <see cref="Tensor"/>).</summary>
    private static int[] NestedShape(JsonElement element, string path, int rank)
    {
        var shape = new int[rank];
        var at = element;
        for (var axis = 0; axis < rank; axis++)
        {
            if (at.ValueKind != JsonValueKind.Array || at.GetArrayLength() == 0)
                throw new NetworkFormatException(path, $"expected {rank} levels of non-empty arrays ([Cout][Cin/group][kernel...])");
            shape[axis] = at.GetArrayLength();
            at = at[0];
            path += "[0]";
        }
        return shape;
    }

    /// <summary>A nested array of exactly <paramref name="shape"/>, flattened row-major.</summary>
    private static double[] Tensor(JsonElement element, string path, int[] shape)
    {
        var values = new double[shape.Aggregate(1L, (a, d) => a * d)];
        var at = 0;
        Fill(element, path, shape, 0, values, ref at);
        return values;
    }

    private static void Fill(JsonElement element, string path, int[] shape, int axis, double[] values, ref int at)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new NetworkFormatException(path, "expected an array");
        if (element.GetArrayLength() != shape[axis]) throw new NetworkFormatException(path, $"{element.GetArrayLength()} entries, expected {shape[axis]}");
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            if (axis == shape.Length - 1) values[at++] = Number(item, itemPath);
            else Fill(item, itemPath, shape, axis + 1, values, ref at);
        }
    }

    private static int[]? Optional(JsonElement element, string field, string path, int min) =>
        element.TryGetProperty(field, out var value) ? IntArray(value, $"{path}.{field}", min) : null;

    private static JsonElement Required(JsonElement element, string field, string path) =>
        element.TryGetProperty(field, out var value) ? value : throw new NetworkFormatException(path, "missing");

    private static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new NetworkFormatException(path, "expected a string");

    private static bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new NetworkFormatException(path, "expected true or false"),
    };

    private static double Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number) throw new NetworkFormatException(path, $"expected a finite number, found {element.ValueKind.ToString().ToLowerInvariant()}");
        if (!element.TryGetDouble(out var value) || !double.IsFinite(value)) throw new NetworkFormatException(path, $"{element.GetRawText()} is not a finite double");
        return value;
    }

    private static double[] Numbers(JsonElement element, string path, int? length = null)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new NetworkFormatException(path, "expected an array of numbers");
        if (length is { } n && element.GetArrayLength() != n) throw new NetworkFormatException(path, $"{element.GetArrayLength()} values, expected {n}");
        if (element.GetArrayLength() == 0) throw new NetworkFormatException(path, "at least one value is needed");
        return element.EnumerateArray().Select((e, i) => Number(e, $"{path}[{i}]")).ToArray();
    }

    private static int Int(JsonElement element, string path, int min, int max = int.MaxValue)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var number))
            throw new NetworkFormatException(path, $"expected an integer, found {element.GetRawText()}");
        if (number < min || number > max) throw new NetworkFormatException(path, $"{number} is outside [{min}, {max}]");
        return (int)number;
    }

    private static int[] IntArray(JsonElement element, string path, int min)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new NetworkFormatException(path, "expected an array of integers");
        if (element.GetArrayLength() > 2 * Shape.MaxRank) throw new NetworkFormatException(path, $"{element.GetArrayLength()} entries; at most {2 * Shape.MaxRank}");
        return element.EnumerateArray().Select((e, i) => Int(e, $"{path}[{i}]", min)).ToArray();
    }
}
