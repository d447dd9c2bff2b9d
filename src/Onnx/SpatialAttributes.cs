using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>
/// A convolution's or pooling's window attributes as the graph stores them: strides, dilations and explicit pads
/// [begin..., end...] (auto_pad resolved), on an NCHW input (N = 1; 1-D and 2-D). ceil_mode is refused where it adds a
/// partial window. The graph's <see cref="Window"/> places the windows.
/// </summary>
internal sealed record SpatialAttributes(int[] Kernel, int[] Strides, int[] Pads, int[] Dilations)
{
    /// <param name="kernel">Kernel size per spatial axis (from the weights for Conv, kernel_shape for pooling).</param>
    /// <param name="pooling">True for pooling: ceil_mode is read (and refused when it changes the size).</param>
    public static SpatialAttributes Of(NodeProto node, long[] inputShape, long[] kernel, bool pooling)
    {
        if (inputShape.Length is not (3 or 4) || inputShape[0] != 1)
            throw OnnxRefusal.At(node, $"input of shape {Shapes.Show(inputShape)}; only 1-D and 2-D NCHW inputs (N = 1) are supported");
        var spatial = inputShape.Length - 2;
        if (kernel.Length != spatial) throw OnnxRefusal.At(node, $"a {kernel.Length}-D kernel on a {spatial}-D input");
        var strides = node.Ints("strides") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var dilations = node.Ints("dilations") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var pads = node.Ints("pads") ?? new long[2 * spatial];
        if (strides.Length != spatial || dilations.Length != spatial || pads.Length != 2 * spatial)
            throw OnnxRefusal.At(node, "strides, dilations or pads do not match the kernel's rank");
        if (strides.Any(s => s < 1) || dilations.Any(d => d < 1) || pads.Any(p => p < 0) || kernel.Any(k => k < 1))
            throw OnnxRefusal.At(node, "strides, dilations and kernel sizes must be positive and pads not negative");
        var autoPad = node.String("auto_pad", "NOTSET");
        var ceil = pooling && node.Int("ceil_mode", 0) != 0;
        var explicitPads = new long[2 * spatial];
        for (var i = 0; i < spatial; i++)
        {
            var size = inputShape[2 + i];
            var extent = (kernel[i] - 1) * dilations[i] + 1;
            switch (autoPad)
            {
                case "NOTSET":
                {
                    var span = size + pads[i] + pads[spatial + i] - extent;
                    if (span < 0) throw OnnxRefusal.At(node, $"the kernel ({extent}) is larger than the padded input ({size + pads[i] + pads[spatial + i]})");
                    if (ceil && span % strides[i] != 0)
                        throw OnnxRefusal.At(node, "ceil_mode = 1 adds a partial window here; only pooling where ceil_mode changes nothing is supported");
                    explicitPads[i] = pads[i];
                    explicitPads[spatial + i] = pads[spatial + i];
                    break;
                }
                case "VALID":
                    if (size < extent) throw OnnxRefusal.At(node, $"the kernel ({extent}) is larger than the input ({size})");
                    if (ceil && (size - extent) % strides[i] != 0)
                        throw OnnxRefusal.At(node, "ceil_mode = 1 adds a partial window here; only pooling where ceil_mode changes nothing is supported");
                    break;
                case "SAME_UPPER" or "SAME_LOWER":
                {
                    var output = (size + strides[i] - 1) / strides[i];
                    var total = Math.Max(0, (output - 1) * strides[i] + extent - size);
                    explicitPads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                    explicitPads[spatial + i] = total - explicitPads[i];
                    break;
                }
                default:
                    throw OnnxRefusal.At(node, $"auto_pad '{autoPad}' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
            }
        }
        return new SpatialAttributes(Ints(node, kernel), Ints(node, strides), Ints(node, explicitPads), Ints(node, dilations));
    }

    private static int[] Ints(NodeProto node, long[] values) =>
        values.All(v => v <= int.MaxValue) ? values.Select(v => (int)v).ToArray() : throw OnnxRefusal.At(node, "a window attribute is too large");
}
