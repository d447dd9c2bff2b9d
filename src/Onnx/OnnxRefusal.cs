using Onnx;
using Regions.Kernel;

namespace Regions.Onnx;

/// <summary>The refusals of the importer: the project's one user error, one line each, naming the node when there is one.</summary>
internal static class OnnxRefusal
{
    /// <summary>The operators the importer lowers, for the message of a refusal.</summary>
    public const string Supported =
        "Gemm, MatMul, Add, Sub (of a constant or of two computed values), Mul, Div (by constants), Relu, LeakyRelu, PRelu, Abs, Clip, Conv, Pad (constant), BatchNormalization, " +
        "AveragePool, GlobalAveragePool, MaxPool, GlobalMaxPool, Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout, " +
        "and on constants Constant, Shape, Gather, Concat, Cast, ConstantOfShape";

    public static InvalidRequestException Model(string problem) =>
        new($"onnx: {problem}") { Code = RefusalCodes.InvalidNetwork };

    public static InvalidRequestException At(NodeProto node, string problem) =>
        Model($"node '{NameOf(node)}' ({node.OpType}): {problem}");

    public static string NameOf(NodeProto node) =>
        string.IsNullOrEmpty(node.Name) ? (node.Output.Count > 0 ? node.Output[0] : "?") : node.Name;
}
