namespace Regions.Kernel.Model.Graph;

/// <summary>
/// The affine nodes as operations on an <see cref="FrontierMap"/>: a dense map, a diagonal, or a procedure run on each
/// column (a convolution, a padding, an average or a one-entry max-pooling, so their dense map, the Toeplitz matrix,
/// is never built on its own).
/// </summary>
internal static class AffineLowering
{
    /// <summary>Composes the node onto <paramref name="map"/> (the map of its input, which it owns); an add reads its second input's map.</summary>
    public static void Apply(AffineNode node, FrontierMap map, int[] input, FrontierMap? second)
    {
        switch (node)
        {
            case DenseNode dense:
                map.Dense(dense.Weights, dense.Outputs, dense.Biases);
                break;
            case ScaleNode scale:
                map.Diagonal(ScaleNode.Expand(scale.Scale, input, "scale"), ScaleNode.Expand(scale.Shift, input, "shift"));
                break;
            case ReshapeNode:
                break;
            case AddNode:
                map.Add(second!);
                break;
            case ConvNode conv:
                Convolution(conv, map, input);
                break;
            case PadNode pad:
                Pad(pad, map, input);
                break;
            case AvgPoolNode average:
                Average(average, map, input);
                break;
            default:
                throw new InvalidOperationException($"no affine lowering for {node.Op}");
        }
    }

    /// <summary>A max-pooling whose windows all hold one entry: a selection.</summary>
    public static void Select(MaxPoolNode node, FrontierMap map, int[] input)
    {
        var picks = node.Windows(input).Select(w => w[0]).ToArray();
        map.Linear((x, y) =>
        {
            for (var i = 0; i < picks.Length; i++) y[i] = x[picks[i]];
        }, picks.Length, null);
    }

    private static void Convolution(ConvNode node, FrontierMap map, int[] input)
    {
        var g = node.Window(input);
        var outChannels = node.OutChannels;
        var groupInputs = node.WeightShape[1];
        var groupOutputs = outChannels / node.Group;
        var positions = g.Positions;
        double[]? offset = null;
        if (node.Biases is { } bias)
        {
            offset = new double[outChannels * positions];
            for (var m = 0; m < outChannels; m++) Array.Fill(offset, bias[m], m * positions, positions);
        }
        // Which input position each (output position, kernel offset) reads, computed once.
        var kernelSize = g.KernelSize;
        var taps = new int[positions * kernelSize];
        for (var oh = 0; oh < g.OH; oh++)
            for (var ow = 0; ow < g.OW; ow++)
                for (var kh = 0; kh < g.KH; kh++)
                    for (var kw = 0; kw < g.KW; kw++)
                        taps[((oh * g.OW + ow) * g.KH + kh) * g.KW + kw] = g.Position(oh, ow, kh, kw);
        var plane = g.Plane;
        var w = node.Weights;
        map.Linear((x, y) =>
        {
            for (var m = 0; m < outChannels; m++)
            {
                var group = m / groupOutputs;
                for (var p = 0; p < positions; p++)
                {
                    double sum = 0;
                    for (var c = 0; c < groupInputs; c++)
                    {
                        var channel = x.Slice((group * groupInputs + c) * plane, plane);
                        var kernelAt = (m * groupInputs + c) * kernelSize;
                        for (var t = 0; t < kernelSize; t++)
                        {
                            var at = taps[p * kernelSize + t];
                            if (at >= 0) sum += w[kernelAt + t] * channel[at];
                        }
                    }
                    y[m * positions + p] = sum;
                }
            }
        }, outChannels * positions, offset);
    }

    private static void Pad(PadNode node, FrontierMap map, int[] input)
    {
        var shape = node.OutputShape([input]);
        var rank = input.Length;
        var size = (int)Shape.Size(shape);
        var length = (int)Shape.Size(input);
        // Where each input element lands in the padded value.
        var strides = new long[rank];
        long stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        var target = new int[length];
        var index = new long[rank];
        for (var flat = 0; flat < length; flat++)
        {
            long at = 0;
            for (var i = 0; i < rank; i++) at += (index[i] + node.Pads[i]) * strides[i];
            target[flat] = (int)at;
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < input[i]) break;
                index[i] = 0;
            }
        }
        var offset = new double[size];
        if (node.Value != 0)
        {
            Array.Fill(offset, node.Value);
            foreach (var t in target) offset[t] = 0;
        }
        map.Linear((x, y) =>
        {
            for (var i = 0; i < target.Length; i++) y[target[i]] = x[i];
        }, size, offset);
    }

    private static void Average(AvgPoolNode node, FrontierMap map, int[] input)
    {
        var g = node.Window(input);
        var positions = g.Positions;
        var plane = g.Plane;
        var includePad = node.CountIncludePad;
        map.Linear((x, y) =>
        {
            for (var c = 0; c < g.Channels; c++)
            {
                var channel = x.Slice(c * plane, plane);
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
                        // Every window lies inside the padded input, so counting the pads is the kernel size.
                        y[c * positions + oh * g.OW + ow] = sum / (includePad ? g.KH * g.KW : count);
                    }
                }
            }
        }, g.Channels * positions, null);
    }
}
