using Regions.Kernel.Format;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Onnx;

namespace Regions.Silo.Commands;

/// <summary>
/// How every verb reads its --model: a <c>pwl-network/1</c> or <c>/2</c> JSON document or an ONNX model, told apart by the content
/// (JSON starts with optional whitespace then '{'; anything else is read as ONNX), not by the extension.
/// </summary>
internal static class ModelFiles
{
    public static Network Read(string path, ResourceLimits? limits = null, OnnxImportOptions? onnx = null)
    {
        limits ??= ResourceLimits.Default;
        var bytes = NetworkReader.ReadFile(path, limits);
        if (OnnxImporter.LooksLikeJson(bytes)) return NetworkReader.Parse(bytes, limits);
        // The importer holds the network to the budgets as it builds it, before each dense map is allocated.
        return OnnxImporter.Import(bytes, (onnx ?? new OnnxImportOptions()) with { Limits = limits });
    }
}
