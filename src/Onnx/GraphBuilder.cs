using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>
/// The <c>pwl-network/2</c> graph being built while the ONNX graph is walked: each ONNX node becomes graph nodes stored
/// as themselves (a convolution as its kernels, a batch normalisation as a per-channel scale), checked shape by shape
/// as they are added so that a problem is refused naming the ONNX node.
/// </summary>
internal sealed class GraphBuilder(string input, int[] inputShape)
{
    private readonly List<GraphNode> nodes = [];
    private readonly Dictionary<string, int[]> shapes = new() { [input] = inputShape };

    public string Input => input;

    public int[] InputShape => inputShape;

    public IReadOnlyList<GraphNode> Nodes => nodes;

    public int[] ShapeOf(string value) => shapes[value];

    /// <summary>A node name not taken yet: the ONNX node's name (or first output), with a suffix when needed.</summary>
    public string NameFor(NodeProto node, string suffix = "")
    {
        var name = OnnxRefusal.NameOf(node) + suffix;
        if (!shapes.ContainsKey(name)) return name;
        for (var i = 2; ; i++)
        {
            if (!shapes.ContainsKey($"{name}#{i}")) return $"{name}#{i}";
        }
    }

    /// <summary>Adds the node (its name from <see cref="NameFor"/>), refused naming the ONNX node when its parameters do not fit.</summary>
    public string Add(GraphNode graphNode, NodeProto source)
    {
        try
        {
            var shape = graphNode.OutputShape(graphNode.Inputs.Select(i => shapes[i]).ToArray());
            Shape.Check(shape);
            shapes[graphNode.Name] = shape;
        }
        catch (Exception e) when (e is GraphException or OverflowException)
        {
            throw OnnxRefusal.At(source, e is OverflowException ? "a shape too large" : e.Message);
        }
        nodes.Add(graphNode);
        return graphNode.Name;
    }

    /// <summary>
    /// The graph shape of an ONNX shape: the batch axis (a leading 1 of a rank >= 2 shape) dropped; a shape of another
    /// rank than 1 to 3 is held flattened.
    /// </summary>
    public static int[] GraphShape(long[] shape)
    {
        var dims = DropsBatch(shape) ? shape[1..] : shape;
        if (dims.Length is < 1 or > Shape.MaxRank) return [checked((int)Shapes.Size(dims))];
        return dims.Select(d => checked((int)d)).ToArray();
    }

    public static bool DropsBatch(long[] shape) => shape.Length >= 2 && shape[0] == 1;
}
