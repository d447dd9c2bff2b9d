using System.Text.Json;
using System.Text.Json.Nodes;
using Regions.Kernel.Model.Graph;

namespace Regions.Kernel.Format;

/// <summary>
/// Writes <c>pwl-network/2</c>: the graph as itself (a convolution as its kernels, nested [Cout][Cin/group][k...]).
/// Doubles in their shortest round-trip form, so reading the output gives back bit-identical parameters.
/// </summary>
public static class GraphWriter
{
    public static string ToJson(GraphNetwork graph, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(graph, stream, indented);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <param name="name">The name written (default: the graph's).</param>
    /// <param name="meta">The meta written (default: the graph's).</param>
    public static void Write(GraphNetwork graph, Stream stream, bool indented = true, string? name = null, JsonObject? meta = null)
    {
        name ??= graph.Name;
        meta ??= graph.Meta;
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        writer.WriteStartObject();
        writer.WriteString("format", GraphReader.FormatName);
        if (name is not null) writer.WriteString("name", name);
        writer.WriteStartObject("input");
        writer.WriteString("name", graph.InputName);
        Ints(writer, "shape", graph.InputShape);
        writer.WriteEndObject();
        writer.WriteStartArray("nodes");
        foreach (var node in graph.Nodes) WriteNode(writer, node, graph.ShapeOf(node.Inputs[0]));
        writer.WriteEndArray();
        writer.WriteString("output", graph.Output);
        if (meta is not null)
        {
            writer.WritePropertyName("meta");
            meta.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    private static void WriteNode(Utf8JsonWriter writer, GraphNode node, int[] input)
    {
        writer.WriteStartObject();
        writer.WriteString("name", node.Name);
        writer.WriteString("op", node.Op);
        if (node.Inputs.Count == 1) writer.WriteString("input", node.Inputs[0]);
        else
        {
            writer.WriteStartArray("inputs");
            foreach (var i in node.Inputs) writer.WriteStringValue(i);
            writer.WriteEndArray();
        }
        switch (node)
        {
            case DenseNode dense:
                Nested(writer, "weights", dense.Weights, [dense.Outputs, (int)Shape.Size(input)]);
                Numbers(writer, "biases", dense.Biases);
                break;
            case ConvNode conv:
                Nested(writer, "weights", conv.Weights, conv.WeightShape);
                if (conv.Biases is not null) Numbers(writer, "biases", conv.Biases);
                Window(writer, conv.Strides, conv.Pads, conv.Dilations);
                if (conv.Group != 1) writer.WriteNumber("group", conv.Group);
                break;
            case ScaleNode scale:
                Numbers(writer, "scale", scale.Scale);
                Numbers(writer, "shift", scale.Shift);
                break;
            case PadNode pad:
                Ints(writer, "pads", pad.Pads);
                writer.WriteNumber("value", pad.Value);
                break;
            case AvgPoolNode average:
                Ints(writer, "kernel", average.Kernel);
                Window(writer, average.Strides, average.Pads, average.Dilations);
                writer.WriteBoolean("count_include_pad", average.CountIncludePad);
                break;
            case ReshapeNode reshape:
                Ints(writer, "shape", reshape.Shape);
                break;
            case LeakyReluNode leaky:
                if (leaky.Slopes is null) writer.WriteNumber("slope", leaky.Slope);
                else Numbers(writer, "slopes", leaky.Slopes);
                break;
            case HardTanhNode { IsUnit: false } clip:
                writer.WriteNumber("min", clip.Min);
                writer.WriteNumber("max", clip.Max);
                break;
            case MaxPoolNode pool:
                Ints(writer, "kernel", pool.Kernel);
                Window(writer, pool.Strides, pool.Pads, pool.Dilations);
                break;
            case MaxoutNode maxout:
                writer.WriteNumber("rank", maxout.Rank);
                break;
        }
        writer.WriteEndObject();
    }

    private static void Window(Utf8JsonWriter writer, int[]? strides, int[]? pads, int[]? dilations)
    {
        if (strides is not null) Ints(writer, "strides", strides);
        if (pads is not null) Ints(writer, "pads", pads);
        if (dilations is not null) Ints(writer, "dilations", dilations);
    }

    private static void Ints(Utf8JsonWriter writer, string name, int[] values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter writer, string name, double[] values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }

    /// <summary>A row-major array as nested arrays of <paramref name="shape"/>, the innermost one per line.</summary>
    private static void Nested(Utf8JsonWriter writer, string name, double[] values, int[] shape)
    {
        writer.WritePropertyName(name);
        var at = 0;
        Level(writer, values, shape, 0, ref at);
    }

    private static void Level(Utf8JsonWriter writer, double[] values, int[] shape, int axis, ref int at)
    {
        writer.WriteStartArray();
        for (var i = 0; i < shape[axis]; i++)
        {
            if (axis == shape.Length - 1) writer.WriteNumberValue(values[at++]);
            else Level(writer, values, shape, axis + 1, ref at);
        }
        writer.WriteEndArray();
    }
}
