using Onnx;

namespace Regions.Onnx;

/// <summary>
/// Where a convolution's or pooling's windows fall on an NCHW input (N = 1; 1-D inputs are H = 1): kernel, strides,
/// dilations, pads or auto_pad, and the output size. <see cref="Position"/> gives the input index an output position
/// and kernel offset read, or -1 for a padded position.
/// </summary>
internal sealed class SpatialGeometry
{
    public int Channels { get; private init; }
    public int H { get; private init; }
    public int W { get; private init; }
    public int KH { get; private init; }
    public int KW { get; private init; }
    public int OH { get; private init; }
    public int OW { get; private init; }
    private int SH { get; init; }
    private int SW { get; init; }
    private int DH { get; init; }
    private int DW { get; init; }
    private int PadTop { get; init; }
    private int PadLeft { get; init; }
    public bool OneDimensional { get; private init; }

    /// <summary>The output shape for <paramref name="outChannels"/> channels, of the input's rank.</summary>
    public long[] OutputShape(int outChannels) => OneDimensional ? [1, outChannels, OW] : [1, outChannels, OH, OW];

    /// <summary>Input spatial index (h * W + w) read at output (oh, ow) with kernel offset (kh, kw), or -1 in the padding.</summary>
    public int Position(int oh, int ow, int kh, int kw)
    {
        var h = oh * SH - PadTop + kh * DH;
        var w = ow * SW - PadLeft + kw * DW;
        return h < 0 || h >= H || w < 0 || w >= W ? -1 : h * W + w;
    }

    /// <param name="kernel">Kernel size per spatial axis (from the weights for Conv, kernel_shape for pooling).</param>
    /// <param name="pooling">True for pooling: ceil_mode is read (and refused when it changes the size).</param>
    public static SpatialGeometry Of(NodeProto node, long[] inputShape, long[] kernel, bool pooling)
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
        var begin = new long[spatial];
        var output = new long[spatial];
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
                    output[i] = span / strides[i] + 1;
                    if (ceil && span % strides[i] != 0)
                        throw OnnxRefusal.At(node, "ceil_mode = 1 adds a partial window here; only pooling where ceil_mode changes nothing is supported");
                    begin[i] = pads[i];
                    break;
                }
                case "VALID":
                    if (size < extent) throw OnnxRefusal.At(node, $"the kernel ({extent}) is larger than the input ({size})");
                    output[i] = (size - extent) / strides[i] + 1;
                    if (ceil && (size - extent) % strides[i] != 0)
                        throw OnnxRefusal.At(node, "ceil_mode = 1 adds a partial window here; only pooling where ceil_mode changes nothing is supported");
                    break;
                case "SAME_UPPER" or "SAME_LOWER":
                {
                    output[i] = (size + strides[i] - 1) / strides[i];
                    var total = Math.Max(0, (output[i] - 1) * strides[i] + extent - size);
                    begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                    break;
                }
                default:
                    throw OnnxRefusal.At(node, $"auto_pad '{autoPad}' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
            }
        }
        var two = spatial == 2;
        return new SpatialGeometry
        {
            Channels = (int)inputShape[1],
            OneDimensional = !two,
            H = two ? (int)inputShape[2] : 1,
            W = (int)inputShape[^1],
            KH = two ? (int)kernel[0] : 1,
            KW = (int)kernel[^1],
            OH = two ? (int)output[0] : 1,
            OW = (int)output[^1],
            SH = two ? (int)strides[0] : 1,
            SW = (int)strides[^1],
            DH = two ? (int)dilations[0] : 1,
            DW = (int)dilations[^1],
            PadTop = two ? (int)begin[0] : 0,
            PadLeft = (int)begin[^1],
        };
    }
}
