using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>
/// The element-wise nonlinearities, one graph node each: relu, abs, leaky_relu (LeakyRelu; PRelu with one slope, or
/// per-channel slopes), hardtanh (Clip with both bounds: the lowering rescales around the unit hardtanh, the same
/// breakpoints, so the same units). Clip with one bound is relu between two scales: min only relu(x - a) + a, max
/// only b - relu(b - x).
/// </summary>
internal static class ActivationLowering
{
    public static void Relu(NodeProto node, ImportContext context) => Emit(node, context, (name, x) => new ReluNode(name, x));

    public static void Abs(NodeProto node, ImportContext context) => Emit(node, context, (name, x) => new AbsNode(name, x));

    public static void LeakyRelu(NodeProto node, ImportContext context) => Leaky(node, context, node.Float("alpha", 0.01));

    /// <summary>PRelu: one slope for every unit (a scalar, or a tensor of equal values) is leaky_relu; otherwise slopes per channel.</summary>
    public static void PRelu(NodeProto node, ImportContext context)
    {
        var slope = context.Constant(node, 1, "slope");
        if (slope.Data.Length == 0) throw OnnxRefusal.At(node, "no slopes");
        if (slope.Data.All(s => s == slope.Data[0]))
        {
            Leaky(node, context, slope.Data[0]);
            return;
        }
        var x = context.Computed(node, 0);
        var shape = Shapes.Broadcast(x.Shape, slope.Shape);
        if (shape is null || !shape.SequenceEqual(x.Shape))
            throw OnnxRefusal.At(node, $"slopes of shape {Shapes.Show(slope.Shape)} do not broadcast onto the input {Shapes.Show(x.Shape)}");
        var perElement = Shapes.Expand(slope, x.Shape);
        foreach (var s in perElement) if (!double.IsFinite(s)) throw OnnxRefusal.At(node, $"slope {s} is not finite");
        var input = context.Read(x, node);
        var slopes = PerChannel(perElement, context.Graph.ShapeOf(input));
        context.Emit(node, new LeakyReluNode(context.Graph.NameFor(node), input, 0, slopes), x.Shape);
    }

    public static void Clip(NodeProto node, ImportContext context)
    {
        double? min, max;
        if (context.Opset < 11)
        {
            min = node.Find("min") is { } a ? a.F : null;
            max = node.Find("max") is { } b ? b.F : null;
        }
        else
        {
            min = context.OptionalInput(node, 1) is null ? null : Scalar(node, context.Constant(node, 1, "min"));
            max = context.OptionalInput(node, 2) is null ? null : Scalar(node, context.Constant(node, 2, "max"));
        }
        // The float range's ends are how exporters write "no bound".
        if (min is { } lo && lo <= float.MinValue) min = null;
        if (max is { } hi && hi >= float.MaxValue) max = null;
        var x = context.Computed(node, 0);
        switch (min, max)
        {
            case (null, null):
                context.Set(node.Output[0], x);
                return;
            case ({ } a, null):
                // max(x, a) = relu(x - a) + a.
                ReluBetween(node, context, x, 1, -a, 1, a);
                return;
            case (null, { } b):
                // min(x, b) = b - relu(b - x).
                ReluBetween(node, context, x, -1, b, -1, b);
                return;
            case ({ } a, { } b):
                if (!(a < b)) throw OnnxRefusal.At(node, $"min {a} is not below max {b}");
                var input = context.Read(x, node);
                context.Emit(node, new HardTanhNode(context.Graph.NameFor(node), input, a, b), x.Shape);
                return;
        }
    }

    /// <summary>scale(after) relu(scale(before) x): a clip with one bound.</summary>
    private static void ReluBetween(NodeProto node, ImportContext context, ComputedValue x, double s1, double t1, double s2, double t2)
    {
        var graph = context.Graph;
        var input = context.Read(x, node);
        var before = graph.Add(new ScaleNode(graph.NameFor(node, "#before"), input, [s1], [t1]), node);
        var relu = graph.Add(new ReluNode(graph.NameFor(node, "#relu"), before), node);
        context.Emit(node, new ScaleNode(graph.NameFor(node), relu, [s2], [t2]), x.Shape);
    }

    private static void Leaky(NodeProto node, ImportContext context, double slope)
    {
        if (!double.IsFinite(slope)) throw OnnxRefusal.At(node, $"slope {slope} is not finite");
        if (slope == 0) Emit(node, context, (name, x) => new ReluNode(name, x));
        else Emit(node, context, (name, x) => new LeakyReluNode(name, x, slope, null));
    }

    private static void Emit(NodeProto node, ImportContext context, Func<string, string, GraphNode> make)
    {
        var x = context.Computed(node, 0);
        var input = context.Read(x, node);
        context.Emit(node, make(context.Graph.NameFor(node), input), x.Shape);
    }

    /// <summary>Per-element slopes as one per channel when each channel shares one, else one per element.</summary>
    private static double[] PerChannel(double[] values, int[] shape)
    {
        var channels = shape[0];
        var per = values.Length / channels;
        var result = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            result[c] = values[c * per];
            for (var i = 1; i < per; i++) if (values[c * per + i] != result[c]) return values;
        }
        return result;
    }

    private static double Scalar(NodeProto node, Tensor tensor) =>
        tensor.Data.Length == 1 ? tensor.Data[0] : throw OnnxRefusal.At(node, "min and max must be scalars");
}
