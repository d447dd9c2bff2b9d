using Onnx;

namespace Regions.Onnx;

/// <summary>
/// Identity, Dropout (inference), Flatten, Reshape, Squeeze, Unsqueeze: the flattened vector is unchanged (row-major,
/// so NCHW order is kept), only its static shape changes. On a constant they fold.
/// </summary>
internal static class ShapeLowering
{
    public static void Identity(NodeProto node, ImportContext context) => Keep(node, context, context.Input(node, 0).Shape);

    public static void Dropout(NodeProto node, ImportContext context)
    {
        // Opset 12 and later give training_mode as an input; a constant false (or none) is inference, where Dropout is the identity.
        if (context.OptionalInput(node, 2) is { } training && (training is not ConstantValue c || c.Tensor.Data.Any(v => v != 0)))
            throw OnnxRefusal.At(node, "training_mode is not a constant false; only inference Dropout (the identity) is supported");
        if (context.Opset < 7 && node.Int("is_test", 0) == 0)
            throw OnnxRefusal.At(node, "is_test is 0; only inference Dropout (the identity) is supported");
        context.OnlyFirstOutputUsed(node);
        Keep(node, context, context.Input(node, 0).Shape);
    }

    public static void Flatten(NodeProto node, ImportContext context)
    {
        var shape = context.Input(node, 0).Shape;
        var axis = node.Int("axis", 1);
        var a = axis < 0 ? axis + shape.Length : axis;
        if (a < 0 || a > shape.Length) throw OnnxRefusal.At(node, $"axis {axis} is outside a rank-{shape.Length} tensor");
        Keep(node, context, [Shapes.Size(shape.AsSpan(0, (int)a)), Shapes.Size(shape.AsSpan((int)a))]);
    }

    public static void Reshape(NodeProto node, ImportContext context)
    {
        var shape = context.Input(node, 0).Shape;
        long[] target;
        if (context.Opset < 5) target = node.Ints("shape") ?? throw OnnxRefusal.At(node, "no shape attribute");
        else
        {
            if (context.Input(node, 1) is not ConstantValue c)
                throw OnnxRefusal.At(node, "the target shape is computed from the input; only a static shape is supported");
            target = c.Tensor.AsLongs();
        }
        var allowZero = node.Int("allowzero", 0) != 0;
        var result = new long[target.Length];
        var infer = -1;
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == 0 && !allowZero)
            {
                if (i >= shape.Length) throw OnnxRefusal.At(node, $"target dimension {i} copies a dimension the input does not have");
                result[i] = shape[i];
            }
            else if (target[i] == -1)
            {
                if (infer >= 0) throw OnnxRefusal.At(node, "two target dimensions are -1");
                infer = i;
                result[i] = 1;
            }
            else if (target[i] < 0) throw OnnxRefusal.At(node, $"target dimension {target[i]} is negative");
            else result[i] = target[i];
        }
        var size = Shapes.Size(shape);
        var known = Shapes.Size(result);
        if (infer >= 0)
        {
            if (known == 0 || size % known != 0) throw OnnxRefusal.At(node, $"cannot reshape {Shapes.Show(shape)} to {Shapes.Show(target)}");
            result[infer] = size / known;
        }
        if (Shapes.Size(result) != size) throw OnnxRefusal.At(node, $"cannot reshape {Shapes.Show(shape)} to {Shapes.Show(target)}");
        Keep(node, context, result);
    }

    public static void Squeeze(NodeProto node, ImportContext context)
    {
        var shape = context.Input(node, 0).Shape;
        var axes = Axes(node, context);
        var drop = axes is null
            ? Enumerable.Range(0, shape.Length).Where(i => shape[i] == 1).ToHashSet()
            : axes.Select(a => Shapes.Axis(a, shape.Length, p => OnnxRefusal.At(node, p))).ToHashSet();
        if (drop.Any(i => shape[i] != 1)) throw OnnxRefusal.At(node, $"squeezes an axis of {Shapes.Show(shape)} that is not 1");
        Keep(node, context, shape.Where((_, i) => !drop.Contains(i)).ToArray());
    }

    public static void Unsqueeze(NodeProto node, ImportContext context)
    {
        var shape = context.Input(node, 0).Shape;
        var axes = Axes(node, context) ?? throw OnnxRefusal.At(node, "no axes");
        var rank = shape.Length + axes.Length;
        var inserted = axes.Select(a => Shapes.Axis(a, rank, p => OnnxRefusal.At(node, p))).ToHashSet();
        var result = new long[rank];
        var next = 0;
        for (var i = 0; i < rank; i++) result[i] = inserted.Contains(i) ? 1 : shape[next++];
        Keep(node, context, result);
    }

    /// <summary>Squeeze/Unsqueeze axes: an attribute before opset 13, an input from 13 on.</summary>
    private static long[]? Axes(NodeProto node, ImportContext context) =>
        context.Opset < 13 ? node.Ints("axes") : context.OptionalInput(node, 1) is null ? null : context.Constant(node, 1, "axes").AsLongs();

    /// <summary>The same values under a new shape: a constant is re-shaped, the computed vector is unchanged.</summary>
    private static void Keep(NodeProto node, ImportContext context, long[] shape)
    {
        GraphValue result = context.Input(node, 0) switch
        {
            ConstantValue c => new ConstantValue(new Tensor(shape, c.Tensor.Data, c.Tensor.IsInteger)),
            ComputedValue => context.Computed(node, 0) with { Shape = shape },
            _ => throw new InvalidOperationException(),
        };
        context.Set(node.Output[0], result);
    }
}
