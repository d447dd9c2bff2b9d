using Google.Protobuf;
using Onnx;

namespace Regions.Onnx;

/// <summary>Bytes to an ONNX <see cref="ModelProto"/> (OnnxSharp's protobuf classes); a truncated or non-ONNX file is one refusal.</summary>
internal static class OnnxModelReader
{
    public static ModelProto Parse(ReadOnlySpan<byte> bytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw OnnxRefusal.Model($"not an ONNX model, or a truncated one ({e.Message.TrimEnd('.')})");
        }
        if (model.Graph is null || model.IrVersion <= 0 || model.Graph.Output.Count == 0)
            throw OnnxRefusal.Model("not an ONNX model (no ir_version, graph or graph output)");
        return model;
    }

    /// <summary>The version of the default operator set (domain "" or "ai.onnx").</summary>
    public static long Opset(ModelProto model)
    {
        var entry = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")
            ?? throw OnnxRefusal.Model("the model imports no ONNX operator set");
        return entry.Version;
    }
}
