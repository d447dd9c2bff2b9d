using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>
/// Pooling. AveragePool and GlobalAveragePool are an <c>avgpool</c> node (affine: each output the mean of its window,
/// count_include_pad as ONNX defines it). MaxPool and GlobalMaxPool are a <c>maxpool</c> node: one unit per output
/// whose state is the position of the window's largest entry, the lowest on ties; a padded position (-inf in ONNX)
/// is not in the window. The global ones are a window over the whole plane.
/// </summary>
internal static class PoolLowering
{
    public static void AveragePool(NodeProto node, ImportContext context)
    {
        if (node.Ints("dilations") is { } d && d.Any(v => v != 1)) throw OnnxRefusal.At(node, "dilated average pooling is not supported");
        var x = context.Computed(node, 0);
        var a = SpatialAttributes.Of(node, x.Shape, Kernel(node), pooling: true);
        var input = context.Read(x, node);
        context.EmitBatched(node, new AvgPoolNode(context.Graph.NameFor(node), input, a.Kernel, a.Strides, a.Pads, null,
            countIncludePad: node.Int("count_include_pad", 0) != 0));
    }

    public static void GlobalAveragePool(NodeProto node, ImportContext context)
    {
        var x = context.Computed(node, 0);
        var a = Global(node, x);
        var input = context.Read(x, node);
        context.EmitBatched(node, new AvgPoolNode(context.Graph.NameFor(node), input, a.Kernel, null, null, null, countIncludePad: false));
    }

    public static void MaxPool(NodeProto node, ImportContext context)
    {
        context.OnlyFirstOutputUsed(node);
        var x = context.Computed(node, 0);
        var a = SpatialAttributes.Of(node, x.Shape, Kernel(node), pooling: true);
        var input = context.Read(x, node);
        context.EmitBatched(node, new MaxPoolNode(context.Graph.NameFor(node), input, a.Kernel, a.Strides, a.Pads, a.Dilations));
    }

    public static void GlobalMaxPool(NodeProto node, ImportContext context)
    {
        var x = context.Computed(node, 0);
        var a = Global(node, x);
        var input = context.Read(x, node);
        context.EmitBatched(node, new MaxPoolNode(context.Graph.NameFor(node), input, a.Kernel, null, null, null));
    }

    private static long[] Kernel(NodeProto node) => node.Ints("kernel_shape") ?? throw OnnxRefusal.At(node, "no kernel_shape");

    /// <summary>One window over the whole plane.</summary>
    private static SpatialAttributes Global(NodeProto node, ComputedValue x) =>
        SpatialAttributes.Of(new NodeProto { Name = node.Name, OpType = node.OpType }, x.Shape, x.Shape.Length >= 3 ? x.Shape[2..] : [], pooling: false);
}
