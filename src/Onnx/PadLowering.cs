using Onnx;

namespace Regions.Onnx;

/// <summary>
/// Pad in constant mode (as exporters write the padding of a pooling or convolution): an affine map that places the
/// value inside a larger tensor and fills the border with the constant. Reflect and edge modes, and negative pads
/// (crops), are refused.
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
        var size = checked((int)Shapes.Size(shape));
        // Where each input element lands in the padded tensor.
        var strides = Shapes.Strides(shape);
        var target = new int[x.Length];
        var index = new long[rank];
        for (var flat = 0; flat < x.Length; flat++)
        {
            long at = 0;
            for (var i = 0; i < rank; i++) at += (index[i] + pads[i]) * strides[i];
            target[flat] = (int)at;
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < x.Shape[i]) break;
                index[i] = 0;
            }
        }
        var offset = new double[size];
        if (fill != 0)
        {
            Array.Fill(offset, fill);
            foreach (var t in target) offset[t] = 0;
        }
        context.Chain.Pending.Linear((input, output) =>
        {
            for (var i = 0; i < target.Length; i++) output[target[i]] = input[i];
        }, size, offset);
        context.Set(node.Output[0], context.Chain.Advance(shape));
    }
}
