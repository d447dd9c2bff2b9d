using System.Text.Json.Nodes;
using Regions.Kernel.Format;

namespace Regions.Kernel.Model.Graph;

/// <summary>
/// A <c>pwl-network/2</c> network: a graph of nodes in topological order from one input to one output, each stored
/// as itself (a convolution as its kernels, a skip connection as an <c>add</c>). Checked on construction: names
/// unique, every node reads the input or an earlier node, shapes fit node by node, every node reaches the output
/// (nothing is dropped in silence). <see cref="GraphLowering"/> turns it into the compute chain.
/// </summary>
public sealed class GraphNetwork
{
    private readonly Dictionary<string, int[]> shapes = [];

    /// <exception cref="NetworkFormatException">The first problem, with the JSON path of the node (<c>nodes[i]</c>) and its name.</exception>
    public GraphNetwork(string inputName, int[] inputShape, IReadOnlyList<GraphNode> nodes, string output, string? name = null, JsonObject? meta = null)
    {
        try
        {
            Shape.Check(inputShape);
        }
        catch (GraphException e)
        {
            throw new NetworkFormatException("input.shape", e.Message);
        }
        if (string.IsNullOrEmpty(inputName)) throw new NetworkFormatException("input.name", "a name is needed");
        shapes[inputName] = inputShape;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var path = $"nodes[{i}]";
            if (string.IsNullOrEmpty(node.Name)) throw new NetworkFormatException($"{path}.name", "a name is needed");
            if (shapes.ContainsKey(node.Name)) throw new NetworkFormatException($"{path}.name", $"'{node.Name}' is already the name of the input or an earlier node");
            var inputs = new List<int[]>();
            foreach (var read in node.Inputs)
            {
                if (!shapes.TryGetValue(read, out var shape))
                    throw new NetworkFormatException(path, $"node '{node.Name}' ({node.Op}) reads '{read}', which is neither the input nor an earlier node");
                inputs.Add(shape);
            }
            try
            {
                var result = node.OutputShape(inputs);
                Shape.Check(result);
                shapes[node.Name] = result;
            }
            catch (Exception e) when (e is GraphException or OverflowException)
            {
                throw new NetworkFormatException(path, $"node '{node.Name}' ({node.Op}): {(e is OverflowException ? "a shape too large" : e.Message)}");
            }
        }
        if (!shapes.ContainsKey(output)) throw new NetworkFormatException("output", $"'{output}' is neither the input nor a node");
        RefuseUnreached(nodes, output);
        InputName = inputName;
        InputShape = inputShape;
        Nodes = nodes.ToArray();
        Output = output;
        Name = name;
        Meta = meta;
    }

    public string InputName { get; }

    public int[] InputShape { get; }

    public int Inputs => (int)Shape.Size(InputShape);

    public IReadOnlyList<GraphNode> Nodes { get; }

    public string Output { get; }

    public string? Name { get; }

    public JsonObject? Meta { get; }

    /// <summary>The shape of the input or a node's value.</summary>
    public int[] ShapeOf(string value) => shapes[value];

    public int SizeOf(string value) => (int)Shape.Size(shapes[value]);

    public GraphNetwork WithMeta(JsonObject? meta, string? name) => new(InputName, InputShape, Nodes, Output, name, meta);

    private static void RefuseUnreached(IReadOnlyList<GraphNode> nodes, string output)
    {
        var reached = new HashSet<string> { output };
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (reached.Contains(nodes[i].Name)) reached.UnionWith(nodes[i].Inputs);
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!reached.Contains(nodes[i].Name))
                throw new NetworkFormatException($"nodes[{i}]", $"node '{nodes[i].Name}' ({nodes[i].Op}) does not reach the output '{output}'; a node that would be dropped is refused");
        }
    }
}
