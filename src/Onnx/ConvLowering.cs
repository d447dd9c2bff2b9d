using Onnx;

namespace Regions.Onnx;

/// <summary>
/// Conv (1-D and 2-D, NCHW, pads, strides, dilations, groups, auto_pad) with constant weights: the dense affine map
/// (its Toeplitz matrix, one row per output channel x position in NCHW order), composed onto the pending map by
/// running the convolution on each column.
/// </summary>
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
        var g = SpatialGeometry.Of(node, x.Shape, kernel, pooling: false);
        var groups = (int)node.Int("group", 1);
        var outChannels = (int)weights.Shape[0];
        var groupInputs = (int)weights.Shape[1];
        if (groups < 1 || g.Channels != groupInputs * groups || outChannels % groups != 0)
            throw OnnxRefusal.At(node, $"{groups} groups do not fit {g.Channels} input and {outChannels} output channels with weights {Shapes.Show(weights.Shape)}");
        var groupOutputs = outChannels / groups;
        var positions = g.OH * g.OW;
        double[]? offset = null;
        if (context.OptionalInput(node, 2) is not null)
        {
            var bias = context.Constant(node, 2, "bias");
            if (bias.Data.Length != outChannels) throw OnnxRefusal.At(node, $"{bias.Data.Length} biases for {outChannels} output channels");
            offset = new double[outChannels * positions];
            for (var m = 0; m < outChannels; m++) Array.Fill(offset, bias.Data[m], m * positions, positions);
        }
        // Which input position each (output position, kernel offset) reads, computed once.
        var taps = new int[positions * g.KH * g.KW];
        for (var oh = 0; oh < g.OH; oh++)
            for (var ow = 0; ow < g.OW; ow++)
                for (var kh = 0; kh < g.KH; kh++)
                    for (var kw = 0; kw < g.KW; kw++)
                        taps[((oh * g.OW + ow) * g.KH + kh) * g.KW + kw] = g.Position(oh, ow, kh, kw);
        var plane = g.H * g.W;
        var kernelSize = g.KH * g.KW;
        var w = weights.Data;
        context.Chain.Pending.Linear((input, output) =>
        {
            for (var m = 0; m < outChannels; m++)
            {
                var group = m / groupOutputs;
                for (var p = 0; p < positions; p++)
                {
                    double sum = 0;
                    for (var c = 0; c < groupInputs; c++)
                    {
                        var channel = input.Slice((group * groupInputs + c) * plane, plane);
                        var kernelAt = (m * groupInputs + c) * kernelSize;
                        for (var t = 0; t < kernelSize; t++)
                        {
                            var at = taps[p * kernelSize + t];
                            if (at >= 0) sum += w[kernelAt + t] * channel[at];
                        }
                    }
                    output[m * positions + p] = sum;
                }
            }
        }, outChannels * positions, offset);
        context.Set(node.Output[0], context.Chain.Advance(g.OutputShape(outChannels)));
    }
}
