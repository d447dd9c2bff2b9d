using Regions.Kernel.Model.Graph;

namespace Regions.Tests.Support;

/// <summary>
/// Evaluates a pwl-network/2 graph node by node, straight from its definition (a convolution as a sum over its kernel,
/// a max-pooling as a max over its window), independent of the lowering: what the lowered chain must compute.
/// </summary>
internal static class GraphReference
{
    public static double[] Forward(GraphNetwork graph, double[] x)
    {
        var values = new Dictionary<string, double[]> { [graph.InputName] = x };
        foreach (var node in graph.Nodes)
        {
            var a = values[node.Inputs[0]];
            var shape = graph.ShapeOf(node.Inputs[0]);
            values[node.Name] = node switch
            {
                DenseNode d => Enumerable.Range(0, d.Outputs).Select(i => d.Biases[i] + Enumerable.Range(0, a.Length).Sum(j => d.Weights[i * a.Length + j] * a[j])).ToArray(),
                ScaleNode s => a.Select((v, i) => ScaleNode.Expand(s.Scale, shape, "scale")[i] * v + ScaleNode.Expand(s.Shift, shape, "shift")[i]).ToArray(),
                ReshapeNode => a,
                AddNode => a.Zip(values[node.Inputs[1]], (p, q) => p + q).ToArray(),
                ReluNode => a.Select(v => Math.Max(0, v)).ToArray(),
                AbsNode => a.Select(Math.Abs).ToArray(),
                LeakyReluNode l => a.Select((v, i) => v > 0 ? v : l.UnitSlopes(shape)[i] * v).ToArray(),
                HardTanhNode h => a.Select(v => Math.Clamp(v, h.Min, h.Max)).ToArray(),
                MaxoutNode m => Enumerable.Range(0, a.Length / m.Rank).Select(u => a.Skip(u * m.Rank).Take(m.Rank).Max()).ToArray(),
                MaxPoolNode p => p.Windows(shape).Select(w => w.Max(i => a[i])).ToArray(),
                ConvNode c => Convolve(c, a, shape),
                PadNode p => Pad(p, a, shape),
                AvgPoolNode p => Average(p, a, shape),
                _ => throw new InvalidOperationException(node.Op),
            };
        }
        return values[graph.Output];
    }

    private static double[] Convolve(ConvNode c, double[] x, int[] shape)
    {
        var g = c.Window(shape);
        var cin = c.WeightShape[1];
        var perGroup = c.OutChannels / c.Group;
        var y = new double[c.OutChannels * g.Positions];
        for (var m = 0; m < c.OutChannels; m++)
            for (var oh = 0; oh < g.OH; oh++)
                for (var ow = 0; ow < g.OW; ow++)
                {
                    var sum = c.Biases?[m] ?? 0;
                    for (var ci = 0; ci < cin; ci++)
                        for (var kh = 0; kh < g.KH; kh++)
                            for (var kw = 0; kw < g.KW; kw++)
                            {
                                var at = g.Position(oh, ow, kh, kw);
                                if (at < 0) continue;
                                var channel = m / perGroup * cin + ci;
                                sum += c.Weights[((m * cin + ci) * g.KH + kh) * g.KW + kw] * x[channel * g.Plane + at];
                            }
                    y[(m * g.OH + oh) * g.OW + ow] = sum;
                }
        return y;
    }

    private static double[] Pad(PadNode p, double[] x, int[] shape)
    {
        var rank = shape.Length;
        var outShape = p.OutputShape([shape]);
        var y = Enumerable.Repeat(p.Value, (int)Shape.Size(outShape)).ToArray();
        for (var flat = 0; flat < x.Length; flat++)
        {
            var rest = flat;
            var target = 0;
            var stride = 1;
            for (var i = rank - 1; i >= 0; i--)
            {
                var index = rest % shape[i];
                rest /= shape[i];
                target += (index + p.Pads[i]) * stride;
                stride *= outShape[i];
            }
            y[target] = x[flat];
        }
        return y;
    }

    private static double[] Average(AvgPoolNode p, double[] x, int[] shape)
    {
        var g = p.Window(shape);
        var y = new double[g.Channels * g.Positions];
        for (var c = 0; c < g.Channels; c++)
            for (var oh = 0; oh < g.OH; oh++)
                for (var ow = 0; ow < g.OW; ow++)
                {
                    double sum = 0;
                    var count = 0;
                    for (var kh = 0; kh < g.KH; kh++)
                        for (var kw = 0; kw < g.KW; kw++)
                        {
                            var at = g.Position(oh, ow, kh, kw);
                            if (at < 0) continue;
                            sum += x[c * g.Plane + at];
                            count++;
                        }
                    y[(c * g.OH + oh) * g.OW + ow] = sum / (p.CountIncludePad ? g.KernelSize : count);
                }
        return y;
    }
}
