using Onnx;

namespace Regions.Onnx;

/// <summary>Typed reads of a node's attributes, with the ONNX defaults.</summary>
internal static class NodeAttributes
{
    public static AttributeProto? Find(this NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public static long Int(this NodeProto node, string name, long fallback) => node.Find(name) is { } a ? a.I : fallback;

    public static double Float(this NodeProto node, string name, double fallback) => node.Find(name) is { } a ? a.F : fallback;

    public static long[]? Ints(this NodeProto node, string name) => node.Find(name) is { } a ? a.Ints.ToArray() : null;

    public static string String(this NodeProto node, string name, string fallback) => node.Find(name) is { } a ? a.S.ToStringUtf8() : fallback;

    /// <summary>Input <paramref name="index"/>'s name, or null when it is absent or given as "" (an omitted optional input).</summary>
    public static string? InputAt(this NodeProto node, int index) => index < node.Input.Count && node.Input[index].Length > 0 ? node.Input[index] : null;
}
