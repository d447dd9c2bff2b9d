using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>
/// Pad in constant mode (as exporters write the padding of a pooling or convolution): a <c>pad</c> node. Reflect and
/// edge modes, negative pads (crops) and padding the batch axis are refused.
/// </summary>
internal static class PadLowering
{
    public static void Pad(NodeProto node, ImportContext context)
    {
        var x = context.Computed(node, 0);
        var mode = node.String("mode", "constant");
        if (mode != "constant") throw OnnxRefusal.At(node, $"mode '{mode}' is not supported (constant is)");
        long[] pads;
        double fill;
        if (context.Opset < 11)
        {
            pads = node.Ints("pads") ?? throw OnnxRefusal.At(node, "no pads");
            fill = node.Float("value", 0);
        }
        else
        {
            pads = context.Constant(node, 1, "pads").AsLongs();
            fill = context.OptionalInput(node, 2) is null ? 0 : context.Constant(node, 2, "constant_value").Data.Single();
            if (context.OptionalInput(node, 3) is not null) throw OnnxRefusal.At(node, "the axes input is not supported");
        }
        var rank = x.Shape.Length;
        if (pads.Length != 2 * rank) throw OnnxRefusal.At(node, $"{pads.Length} pads for a rank-{rank} value");
        if (pads.Any(p => p < 0)) throw OnnxRefusal.At(node, "negative pads (crops) are not supported");
        var shape = x.Shape.Select((d, i) => d + pads[i] + pads[rank + i]).ToArray();
        if (GraphBuilder.DropsBatch(x.Shape))
        {
            if (pads[0] != 0 || pads[rank] != 0) throw OnnxRefusal.At(node, "pads the batch axis");
            pads = [.. pads[1..rank], .. pads[(rank + 1)..]];
        }
        var input = context.Read(x, node);
        if (context.Graph.ShapeOf(input).Length * 2 != pads.Length)
            throw OnnxRefusal.At(node, $"pads a value of shape {Shapes.Show(x.Shape)}; values of rank 1 to 3 besides the batch are supported");
        context.Emit(node, new PadNode(context.Graph.NameFor(node), input, pads.Select(p => checked((int)p)).ToArray(), fill), shape);
    }
}
