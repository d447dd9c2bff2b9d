using Onnx;
using Regions.Kernel.Model;

namespace Regions.Onnx;

/// <summary>
/// The element-wise nonlinearities: each closes the pending map into a layer with that activation, one unit per
/// element. Clip with other bounds than [-1, 1] is an affine image of hardtanh (or of relu with one bound): the
/// same breakpoints, so the same units and regions; the rescaling composes into the neighbouring affine maps.
/// </summary>
internal static class ActivationLowering
{
    public static void Relu(NodeProto node, ImportContext context) => Close(node, context, Activation.Relu);

    public static void Abs(NodeProto node, ImportContext context) => Close(node, context, Activation.Abs);

    public static void LeakyRelu(NodeProto node, ImportContext context) => Leaky(node, context, node.Float("alpha", 0.01));

    /// <summary>PRelu with one slope for every unit (a scalar, or a tensor of equal values) is leaky_relu.</summary>
    public static void PRelu(NodeProto node, ImportContext context)
    {
        var slopes = context.Constant(node, 1, "slope").Data;
        if (slopes.Length == 0 || slopes.Any(s => s != slopes[0]))
            throw OnnxRefusal.At(node, "slopes differ between channels; per-channel slopes need pwl-network/2 (issue 13)");
        Leaky(node, context, slopes[0]);
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
        var pending = context.Chain.Pending;
        var n = x.Length;
        switch (min, max)
        {
            case (null, null):
                context.Set(node.Output[0], x);
                return;
            case (-1.0, 1.0):
                Close(node, context, Activation.HardTanh);
                return;
            case ({ } a, null):
                // max(x, a) = relu(x - a) + a.
                pending.Diagonal(Fill(n, 1), Fill(n, -a));
                context.Chain.Advance(x.Shape);
                context.Chain.Activate(Activation.Relu, x.Shape, node);
                context.Chain.Pending.Diagonal(Fill(n, 1), Fill(n, a));
                break;
            case (null, { } b):
                // min(x, b) = b - relu(b - x).
                pending.Diagonal(Fill(n, -1), Fill(n, b));
                context.Chain.Advance(x.Shape);
                context.Chain.Activate(Activation.Relu, x.Shape, node);
                context.Chain.Pending.Diagonal(Fill(n, -1), Fill(n, b));
                break;
            case ({ } a, { } b):
                if (!(a < b)) throw OnnxRefusal.At(node, $"min {a} is not below max {b}");
                // clip(x, a, b) = (b - a)/2 hardtanh((2x - a - b)/(b - a)) + (a + b)/2.
                pending.Diagonal(Fill(n, 2 / (b - a)), Fill(n, -(a + b) / (b - a)));
                context.Chain.Advance(x.Shape);
                context.Chain.Activate(Activation.HardTanh, x.Shape, node);
                context.Chain.Pending.Diagonal(Fill(n, (b - a) / 2), Fill(n, (a + b) / 2));
                break;
        }
        context.Set(node.Output[0], context.Chain.Advance(x.Shape));
    }

    private static void Leaky(NodeProto node, ImportContext context, double slope)
    {
        if (!(slope >= 0 && slope < 1))
            throw OnnxRefusal.At(node, $"slope {slope} is outside [0, 1), the range of pwl-network/1's leaky_relu");
        if (slope == 0) Close(node, context, Activation.Relu);
        else Close(node, context, Activation.LeakyRelu, slope);
    }

    private static void Close(NodeProto node, ImportContext context, Activation activation, double slope = 0)
    {
        var x = context.Computed(node, 0);
        context.Set(node.Output[0], context.Chain.Activate(activation, x.Shape, node, slope));
    }

    private static double Scalar(NodeProto node, Tensor tensor) =>
        tensor.Data.Length == 1 ? tensor.Data[0] : throw OnnxRefusal.At(node, "min and max must be scalars");

    private static double[] Fill(int n, double value)
    {
        var values = new double[n];
        Array.Fill(values, value);
        return values;
    }
}
