using Regions.Kernel.Format;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Onnx;

namespace Regions.Silo.Commands;

/// <summary>
/// How every verb reads its --model: a <c>pwl-network/1</c> JSON document or an ONNX model, told apart by the content
/// (JSON starts with optional whitespace then '{'; anything else is read as ONNX), not by the extension.
/// </summary>
internal static class ModelFiles
{
    public static Network Read(string path, ResourceLimits? limits = null, OnnxImportOptions? onnx = null)
    {
        limits ??= ResourceLimits.Default;
        var bytes = ReadBytes(path, limits);
        if (OnnxImporter.LooksLikeJson(bytes)) return NetworkReader.Parse(bytes, limits);
        var network = OnnxImporter.Import(bytes, onnx);
        CheckBudgets(network, limits);
        return network;
    }

    /// <summary>The file's bytes, refused (as the JSON reader refuses it) when missing, unreadable or over the file budget.</summary>
    private static byte[] ReadBytes(string path, ResourceLimits limits)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists) throw new NetworkFormatException("", $"file '{path}' does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new NetworkFormatException("", $"cannot open '{path}': {e.Message}");
        }
        limits.Check(info.Length, "file", () => $"file '{path}' has {info.Length:N0} bytes");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetworkFormatException("", $"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>The budgets the JSON reader checks, applied to an imported network.</summary>
    private static void CheckBudgets(Network network, ResourceLimits limits)
    {
        limits.Check(network.Inputs, "inputs", () => $"network has {network.Inputs:N0} inputs");
        limits.Check(network.Layers.Count, "layers", () => $"network has {network.Layers.Count:N0} layers");
        long units = 0, weights = 0;
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            limits.Check(layer.Units, "layer-units", () => $"layers[{i}] has {layer.Units:N0} units");
            units += layer.Units;
            limits.Check(units, "units", () => $"network has {units:N0} units up to layers[{i}]");
            weights += (long)layer.Rows * layer.Columns;
            limits.Check(weights, "weights", () => $"network has {weights:N0} weights up to layers[{i}]");
        }
    }
}
