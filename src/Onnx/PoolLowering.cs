using Onnx;
using Regions.Kernel.Model;

namespace Regions.Onnx;

/// <summary>
/// Pooling. AveragePool and GlobalAveragePool are affine (each output the mean of its window; count_include_pad as
/// ONNX defines it) and compose onto the pending map. MaxPool and GlobalMaxPool are a maxout layer: one unit per
/// output (channel x position, NCHW order) reading its window's entries as rows in kernel order, so the unit's state
/// is the position of the window's largest entry, the lowest on ties. A padded position (-inf in ONNX) is simply not
/// in the window. Maxout needs one rank for all units: a window cut short by the padding is filled up by repeating its
/// first entry at the end; a repeated row never changes the max and, placed after the original, never wins a tie, so
/// the states reached, and the regions, are those of the true window.
/// </summary>
internal static class PoolLowering
{
    public static void AveragePool(NodeProto node, ImportContext context)
    {
        if (node.Ints("dilations") is { } d && d.Any(v => v != 1)) throw OnnxRefusal.At(node, "dilated average pooling is not supported");
        var x = context.Computed(node, 0);
        var g = SpatialGeometry.Of(node, x.Shape, Kernel(node), pooling: true);
        Average(node, context, g, includePad: node.Int("count_include_pad", 0) != 0);
    }

    public static void GlobalAveragePool(NodeProto node, ImportContext context)
    {
        var x = context.Computed(node, 0);
        var g = SpatialGeometry.Of(new NodeProto { Name = node.Name, OpType = node.OpType }, x.Shape, x.Shape[2..], pooling: false);
        Average(node, context, g, includePad: false);
    }

    public static void MaxPool(NodeProto node, ImportContext context)
    {
        context.OnlyFirstOutputUsed(node);
        var x = context.Computed(node, 0);
        Max(node, context, SpatialGeometry.Of(node, x.Shape, Kernel(node), pooling: true));
    }

    public static void GlobalMaxPool(NodeProto node, ImportContext context)
    {
        var x = context.Computed(node, 0);
        Max(node, context, SpatialGeometry.Of(new NodeProto { Name = node.Name, OpType = node.OpType }, x.Shape, x.Shape[2..], pooling: false));
    }

    private static long[] Kernel(NodeProto node) => node.Ints("kernel_shape") ?? throw OnnxRefusal.At(node, "no kernel_shape");

    private static void Average(NodeProto node, ImportContext context, SpatialGeometry g, bool includePad)
    {
        var positions = g.OH * g.OW;
        var plane = g.H * g.W;
        context.Chain.Pending.Linear((input, output) =>
        {
            for (var c = 0; c < g.Channels; c++)
            {
                var channel = input.Slice(c * plane, plane);
                for (var oh = 0; oh < g.OH; oh++)
                {
                    for (var ow = 0; ow < g.OW; ow++)
                    {
                        double sum = 0;
                        var count = 0;
                        for (var kh = 0; kh < g.KH; kh++)
                        {
                            for (var kw = 0; kw < g.KW; kw++)
                            {
                                var at = g.Position(oh, ow, kh, kw);
                                if (at < 0) continue;
                                sum += channel[at];
                                count++;
                            }
                        }
                        // Without ceil_mode every window lies inside the padded input, so counting the pads is the kernel size.
                        output[c * positions + oh * g.OW + ow] = sum / (includePad ? g.KH * g.KW : count);
                    }
                }
            }
        }, g.Channels * positions, null);
        context.Set(node.Output[0], context.Chain.Advance(g.OutputShape(g.Channels)));
    }

    private static void Max(NodeProto node, ImportContext context, SpatialGeometry g)
    {
        var plane = g.H * g.W;
        var windows = new List<List<int>>();
        for (var c = 0; c < g.Channels; c++)
        {
            for (var oh = 0; oh < g.OH; oh++)
            {
                for (var ow = 0; ow < g.OW; ow++)
                {
                    var window = new List<int>();
                    for (var kh = 0; kh < g.KH; kh++)
                    {
                        for (var kw = 0; kw < g.KW; kw++)
                        {
                            var at = g.Position(oh, ow, kh, kw);
                            if (at >= 0) window.Add(c * plane + at);
                        }
                    }
                    if (window.Count == 0) throw OnnxRefusal.At(node, "a window lies entirely in the padding");
                    windows.Add(window);
                }
            }
        }
        var rank = windows.Max(w => w.Count);
        if (rank > Layer.MaxRank)
            throw OnnxRefusal.At(node, $"a window of {rank:N0} entries is above the largest maxout rank, {Layer.MaxRank:N0}");
        var shape = g.OutputShape(g.Channels);
        if (rank == 1)
        {
            // Every window holds one entry: a selection, which is affine.
            var picks = windows.Select(w => w[0]).ToArray();
            context.Chain.Pending.Linear((input, output) =>
            {
                for (var i = 0; i < picks.Length; i++) output[i] = input[picks[i]];
            }, picks.Length, null);
            context.Set(node.Output[0], context.Chain.Advance(shape));
            return;
        }
        var rows = new List<int>(windows.Count * rank);
        foreach (var window in windows)
        {
            rows.AddRange(window);
            for (var i = window.Count; i < rank; i++) rows.Add(window[0]);
        }
        context.Set(node.Output[0], context.Chain.Maxout(rows, rank, shape, node));
    }
}
