namespace Regions.Kernel.Model.Graph;

/// <summary>
/// Where a convolution's or pooling's windows fall on a channels-first value [C, L] or [C, H, W] (a 1-D value is
/// H = 1): kernel, strides, dilations, explicit pads [begin..., end...], and the output size.
/// <see cref="Position"/> gives the input index an output position and kernel offset read, or -1 in the padding.
/// </summary>
public sealed class Window
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

    public int Positions => OH * OW;

    public int Plane => H * W;

    public int KernelSize => KH * KW;

    /// <summary>The output shape for <paramref name="outChannels"/> channels, of the input's rank.</summary>
    public int[] OutputShape(int outChannels) => OneDimensional ? [outChannels, OW] : [outChannels, OH, OW];

    /// <summary>Input spatial index (h * W + w) read at output (oh, ow) with kernel offset (kh, kw), or -1 in the padding.</summary>
    public int Position(int oh, int ow, int kh, int kw)
    {
        var h = oh * SH - PadTop + kh * DH;
        var w = ow * SW - PadLeft + kw * DW;
        return h < 0 || h >= H || w < 0 || w >= W ? -1 : h * W + w;
    }

    /// <summary>The geometry, or a <see cref="GraphException"/> when the parameters do not fit the input.</summary>
    /// <param name="strides">One per spatial axis; null: 1.</param>
    /// <param name="pads">Begin then end per spatial axis; null: 0.</param>
    /// <param name="dilations">One per spatial axis; null: 1.</param>
    public static Window Of(int[] input, int[] kernel, int[]? strides, int[]? pads, int[]? dilations)
    {
        if (input.Length is not (2 or 3))
            throw new GraphException($"input of shape {Shape.Show(input)}; a window needs a channels-first [C, L] or [C, H, W] value");
        var spatial = input.Length - 1;
        strides ??= Enumerable.Repeat(1, spatial).ToArray();
        dilations ??= Enumerable.Repeat(1, spatial).ToArray();
        pads ??= new int[2 * spatial];
        if (kernel.Length != spatial) throw new GraphException($"a {kernel.Length}-D kernel on a {spatial}-D input");
        if (strides.Length != spatial || dilations.Length != spatial || pads.Length != 2 * spatial)
            throw new GraphException($"strides, dilations ({spatial} each) or pads ({2 * spatial}) do not match the kernel's rank");
        if (strides.Any(s => s < 1) || dilations.Any(d => d < 1) || pads.Any(p => p < 0) || kernel.Any(k => k < 1))
            throw new GraphException("strides, dilations and kernel sizes must be positive and pads not negative");
        var output = new int[spatial];
        for (var i = 0; i < spatial; i++)
        {
            var size = (long)input[1 + i];
            var extent = (long)(kernel[i] - 1) * dilations[i] + 1;
            var span = size + pads[i] + pads[spatial + i] - extent;
            if (span < 0) throw new GraphException($"the kernel ({extent}) is larger than the padded input ({size + pads[i] + pads[spatial + i]})");
            output[i] = checked((int)(span / strides[i] + 1));
        }
        var two = spatial == 2;
        return new Window
        {
            Channels = input[0],
            OneDimensional = !two,
            H = two ? input[1] : 1,
            W = input[^1],
            KH = two ? kernel[0] : 1,
            KW = kernel[^1],
            OH = two ? output[0] : 1,
            OW = output[^1],
            SH = two ? strides[0] : 1,
            SW = strides[^1],
            DH = two ? dilations[0] : 1,
            DW = dilations[^1],
            PadTop = two ? pads[0] : 0,
            PadLeft = pads[spatial - 1],
        };
    }
}
