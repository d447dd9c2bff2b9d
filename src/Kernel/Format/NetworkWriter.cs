using System.Text.Json;
using Regions.Kernel.Model;

namespace Regions.Kernel.Format;

/// <summary>
/// Writes a network: its graph as <c>pwl-network/2</c> when it was lowered from one (<see cref="Network.Source"/>),
/// else its chain as <c>pwl-network/1</c>. Doubles are written in their shortest round-trip form, so
/// reading the output gives back bit-identical weights.
/// </summary>
public static class NetworkWriter
{
    /// <summary>
    /// Refuses a network that <c>pwl-network/1</c> cannot express: carried rows (a lowered graph's skip connections)
    /// would be read back as activation units, and per-unit slopes have no field, so either would be a wrong file.
    /// </summary>
    private static void RequireChain(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Source is not null) return;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (layer.Carried > 0)
                throw new InvalidOperationException($"layer {l + 1} carries {layer.Carried} rows through (a skip connection of a pwl-network/2 graph), which {NetworkReader.FormatName} cannot express; write the network's graph document instead");
            if (layer.HasUnitSlopes)
                throw new InvalidOperationException($"layer {l + 1} has a leaky_relu slope per unit (a per-channel PReLU), which {NetworkReader.FormatName} cannot express; write the network's graph document instead");
        }
    }

    public static string ToJson(Network network, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(network, stream, indented);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Save(Network network, string path, bool indented = true)
    {
        RequireChain(network);   // before any file is touched
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        // Write beside the target and move, so a crash never leaves a half-written network.
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Write(network, stream, indented);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(Network network, Stream stream, bool indented = true)
    {
        RequireChain(network);
        if (network.Source is { } graph)
        {
            GraphWriter.Write(graph, stream, indented, network.Name, network.Meta);
            return;
        }
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        writer.WriteStartObject();
        writer.WriteString("format", NetworkReader.FormatName);
        if (network.Name is not null) writer.WriteString("name", network.Name);
        writer.WriteNumber("inputs", network.Inputs);
        writer.WriteStartArray("layers");
        foreach (var layer in network.Layers)
        {
            writer.WriteStartObject();
            writer.WriteString("activation", layer.Activation.ToToken());
            if (layer.Activation == Activation.Maxout) writer.WriteNumber("rank", layer.Rank);
            if (layer.Activation == Activation.LeakyRelu) writer.WriteNumber("slope", layer.Slope);
            writer.WriteStartArray("weights");
            for (var r = 0; r < layer.Rows; r++)
            {
                // One row per line keeps weight files readable and diffable.
                writer.WriteStartArray();
                foreach (var w in layer.Row(r)) writer.WriteNumberValue(w);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("biases");
            foreach (var b in layer.Biases) writer.WriteNumberValue(b);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (network.Meta is not null)
        {
            writer.WritePropertyName("meta");
            network.Meta.WriteTo(writer);
        }
        writer.WriteEndObject();
    }
}
