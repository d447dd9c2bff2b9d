using System.Text.Json;
using Regions.Kernel.Model;

namespace Regions.Kernel.Format;

/// <summary>
/// Writes <c>pwl-network/1</c>. Doubles are written in their shortest round-trip form, so
/// reading the output gives back bit-identical weights.
/// </summary>
public static class NetworkWriter
{
    public static string ToJson(Network network, bool indented = true)
    {
        using var stream = new MemoryStream();
        Write(network, stream, indented);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Save(Network network, string path, bool indented = true)
    {
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
