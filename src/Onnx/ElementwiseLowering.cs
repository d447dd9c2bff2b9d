using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>
/// Add, Sub, Mul, Div with a constant operand (scalar, per feature or per channel, numpy broadcasting) and
/// inference BatchNormalization: a <c>scale</c> node y = s x + t (its arrays of length 1, per channel or per element,
/// the shortest that holds them). Two constants fold. Add and Sub of two computed values: an <c>add</c> node (a
/// residual connection), Sub negating its second operand first.
/// </summary>
internal static class ElementwiseLowering
{
    public static void Add(NodeProto node, ImportContext context) => Binary(node, context, (a, b) => a + b);

    public static void Sub(NodeProto node, ImportContext context) => Binary(node, context, (a, b) => a - b);

    public static void Mul(NodeProto node, ImportContext context) => Binary(node, context, (a, b) => a * b);

    public static void Div(NodeProto node, ImportContext context) => Binary(node, context, (a, b) => a / b);

    private static void Binary(NodeProto node, ImportContext context, Func<double, double, double> fold)
    {
        if (context.Opset < 7 && node.Int("broadcast", 0) != 0 && node.Find("axis") is not null)
            throw OnnxRefusal.At(node, "legacy broadcast with an axis (opset < 7) is not supported");
        var left = context.Input(node, 0);
        var right = context.Input(node, 1);
        switch (left, right)
        {
            case (ConstantValue a, ConstantValue b):
                context.Set(node.Output[0], new ConstantValue(Fold(node, a.Tensor, b.Tensor, fold)));
                return;
            case (ComputedValue a, ComputedValue b):
                if (node.OpType is not ("Add" or "Sub"))
                    throw OnnxRefusal.At(node, "multiplies or divides two values computed from the input, which is not piecewise linear");
                Residual(node, context, a, b);
                return;
        }
        var computedFirst = left is ComputedValue;
        var x = context.Computed(node, computedFirst ? 0 : 1);
        var c = ((ConstantValue)(computedFirst ? right : left)).Tensor;
        var shape = Shapes.Broadcast(x.Shape, c.Shape);
        if (shape is null || Shapes.Size(shape) != x.Length)
            throw OnnxRefusal.At(node, $"constant of shape {Shapes.Show(c.Shape)} does not broadcast onto the computed {Shapes.Show(x.Shape)}");
        var constant = Shapes.Expand(c, shape);
        var scale = new double[x.Length];
        var shift = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var k = constant[i];
            (scale[i], shift[i]) = node.OpType switch
            {
                "Add" => (1.0, k),
                "Sub" => computedFirst ? (1.0, -k) : (-1.0, k),
                "Mul" => (k, 0.0),
                "Div" when !computedFirst => throw OnnxRefusal.At(node, "divides a constant by a value computed from the input, which is not piecewise linear"),
                "Div" when k == 0 => throw OnnxRefusal.At(node, "divides by zero"),
                "Div" => (1 / k, 0.0),
                _ => throw new InvalidOperationException(node.OpType),
            };
        }
        EmitScale(node, context, x, scale, shift, shape);
    }

    /// <summary>The sum (or difference) of two computed values of one shape: the residual connection.</summary>
    private static void Residual(NodeProto node, ImportContext context, ComputedValue a, ComputedValue b)
    {
        if (!a.Shape.SequenceEqual(b.Shape))
            throw OnnxRefusal.At(node, $"combines computed values of shapes {Shapes.Show(a.Shape)} and {Shapes.Show(b.Shape)}; only equal shapes are supported");
        var left = context.Read(a, node);
        var right = context.Read(b, node);
        if (node.OpType == "Sub")
            right = context.Graph.Add(new ScaleNode(context.Graph.NameFor(node, "#negate"), right, [-1.0], [0.0]), node);
        context.Emit(node, new AddNode(context.Graph.NameFor(node), left, right), a.Shape);
    }

    /// <summary>A scale node on <paramref name="x"/>, each array stored as one value, one per channel or one per element, whichever holds it.</summary>
    private static void EmitScale(NodeProto node, ImportContext context, ComputedValue x, double[] scale, double[] shift, long[] shape)
    {
        var input = context.Read(x, node);
        var graphShape = context.Graph.ShapeOf(input);
        context.Emit(node, new ScaleNode(context.Graph.NameFor(node), input, Compact(scale, graphShape), Compact(shift, graphShape)), shape);
    }

    private static double[] Compact(double[] values, int[] shape)
    {
        if (values.All(v => v.Equals(values[0]))) return [values[0]];
        if (shape.Length < 2) return values;
        var channels = shape[0];
        var per = values.Length / channels;
        var perChannel = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            perChannel[c] = values[c * per];
            for (var i = 1; i < per; i++)
            {
                if (!values[c * per + i].Equals(perChannel[c])) return values;
            }
        }
        return perChannel;
    }

    private static Tensor Fold(NodeProto node, Tensor a, Tensor b, Func<double, double, double> fold)
    {
        var shape = Shapes.Broadcast(a.Shape, b.Shape) ?? throw OnnxRefusal.At(node, $"shapes {Shapes.Show(a.Shape)} and {Shapes.Show(b.Shape)} do not broadcast");
        var x = Shapes.Expand(a, shape);
        var y = Shapes.Expand(b, shape);
        var integer = a.IsInteger && b.IsInteger;
        var result = new double[x.Length];
        for (var i = 0; i < result.Length; i++)
        {
            if (integer && node.OpType == "Div" && y[i] == 0) throw OnnxRefusal.At(node, "divides by zero");
            var v = fold(x[i], y[i]);
            result[i] = integer ? Math.Truncate(v) : v;
            if (!double.IsFinite(result[i])) throw OnnxRefusal.At(node, "folding the constants gives a value that is not finite");
        }
        return new Tensor(shape, result, integer);
    }

    /// <summary>y = scale (x - mean) / sqrt(var + epsilon) + B per channel (axis 1), folded as one diagonal affine map.</summary>
    public static void BatchNormalization(NodeProto node, ImportContext context)
    {
        if (node.Int("training_mode", 0) != 0) throw OnnxRefusal.At(node, "training_mode is 1; only inference batch normalisation can be folded");
        if (context.Opset < 9 && node.Int("spatial", 1) == 0) throw OnnxRefusal.At(node, "spatial = 0 is not supported");
        context.OnlyFirstOutputUsed(node);
        var x = context.Computed(node, 0);
        var scale = context.Constant(node, 1, "scale").Data;
        var bias = context.Constant(node, 2, "B").Data;
        var mean = context.Constant(node, 3, "mean").Data;
        var variance = context.Constant(node, 4, "var").Data;
        var epsilon = node.Float("epsilon", 1e-5);
        if (x.Shape.Length < 2) throw OnnxRefusal.At(node, $"input of shape {Shapes.Show(x.Shape)} has no channel axis");
        var channels = x.Shape[1];
        if (new[] { scale, bias, mean, variance }.Any(p => p.Length != channels))
            throw OnnxRefusal.At(node, $"parameters are not one per channel ({channels})");
        var perChannel = x.Length / channels / x.Shape[0];
        var s = new double[x.Length];
        var t = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var c = (int)(i / perChannel % channels);
            var denominator = Math.Sqrt(variance[c] + epsilon);
            if (!(denominator > 0)) throw OnnxRefusal.At(node, $"channel {c}: var + epsilon is not positive");
            s[i] = scale[c] / denominator;
            t[i] = bias[c] - mean[c] * s[i];
        }
        EmitScale(node, context, x, s, t, x.Shape);
    }
}
