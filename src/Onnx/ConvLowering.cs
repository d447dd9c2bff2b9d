using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>Conv (1-D and 2-D, NCHW, pads, strides, dilations, groups, auto_pad) with constant weights: a <c>conv</c> node holding the kernels.</summary>
internal static class ConvLowering
{
    public static void Conv(NodeProto node, ImportContext context)
    {
        var x = context.Computed(node, 0);
        var weights = context.Constant(node, 1, "weight");
        if (weights.Shape.Length != x.Shape.Length)
            throw OnnxRefusal.At(node, $"weights of shape {Shapes.Show(weights.Shape)} do not match the input {Shapes.Show(x.Shape)}");
        var kernel = weights.Shape[2..];
        if (node.Ints("kernel_shape") is { } stated && !stated.SequenceEqual(kernel))
            throw OnnxRefusal.At(node, $"kernel_shape {Shapes.Show(stated)} differs from the weights' {Shapes.Show(kernel)}");
        var a = SpatialAttributes.Of(node, x.Shape, kernel, pooling: false);
        var groups = node.Int("group", 1);
        if (groups is < 1 or > int.MaxValue) throw OnnxRefusal.At(node, $"group {groups} is not a positive int");
        double[]? bias = null;
        if (context.OptionalInput(node, 2) is not null) bias = context.Constant(node, 2, "bias").Data;
        var input = context.Read(x, node);
        var conv = new ConvNode(context.Graph.NameFor(node), input, weights.Shape.Select(d => checked((int)d)).ToArray(), weights.Data, bias,
            a.Strides, a.Pads, a.Dilations, (int)groups);
        context.EmitBatched(node, conv);
    }
}
