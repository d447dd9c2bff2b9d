using Onnx;

namespace Regions.Onnx;

/// <summary>
/// Nodes evaluated at import because their inputs are constants (or only the static shape of the computed value):
/// the shape arithmetic exporters emit around Reshape (Shape, Gather, Unsqueeze, Concat, Cast), Constant and
/// ConstantOfShape. Arithmetic on two constants is folded by <see cref="ElementwiseLowering"/>.
/// </summary>
internal static class ConstantFolding
{
    public static void Constant(NodeProto node, ImportContext context)
    {
        var where = $"node '{OnnxRefusal.NameOf(node)}' (Constant)";
        Tensor tensor;
        if (node.Find("value") is { } value) tensor = Tensor.From(value.T, where);
        else if (node.Find("value_float") is { } f) tensor = Tensor.Scalar(f.F);
        else if (node.Find("value_floats") is { } fs) tensor = new Tensor([fs.Floats.Count], fs.Floats.Select(v => (double)v).ToArray());
        else if (node.Find("value_int") is { } i) tensor = Tensor.Scalar(i.I, isInteger: true);
        else if (node.Find("value_ints") is { } ints) tensor = Tensor.Vector(ints.Ints);
        else throw OnnxRefusal.At(node, "only tensor, float and int constants are supported");
        if (!tensor.Data.All(double.IsFinite)) throw OnnxRefusal.At(node, "a value is not finite (weights must be finite)");
        context.Set(node.Output[0], new ConstantValue(tensor));
    }

    /// <summary>The static shape of any value (the batch dimension already fixed to 1).</summary>
    public static void Shape(NodeProto node, ImportContext context)
    {
        var shape = context.Input(node, 0).Shape;
        var start = (int)Math.Clamp(Normal(node.Int("start", 0), shape.Length), 0, shape.Length);
        var end = (int)Math.Clamp(Normal(node.Int("end", shape.Length), shape.Length), start, shape.Length);
        context.Set(node.Output[0], new ConstantValue(Tensor.Vector(shape[start..end])));
    }

    public static void Gather(NodeProto node, ImportContext context)
    {
        var data = context.Constant(node, 0, "data");
        var indices = context.Constant(node, 1, "indices");
        var axis = Shapes.Axis(node.Int("axis", 0), data.Shape.Length, p => OnnxRefusal.At(node, p));
        var outer = Shapes.Size(data.Shape.AsSpan(0, axis));
        var inner = Shapes.Size(data.Shape.AsSpan(axis + 1));
        var n = data.Shape[axis];
        var result = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (var raw in indices.Data)
            {
                var index = (long)raw < 0 ? (long)raw + n : (long)raw;
                if (index < 0 || index >= n) throw OnnxRefusal.At(node, $"index {raw} is outside an axis of {n}");
                for (long i = 0; i < inner; i++) result.Add(data.Data[(o * n + index) * inner + i]);
            }
        }
        long[] shape = [.. data.Shape[..axis], .. indices.Shape, .. data.Shape[(axis + 1)..]];
        context.Set(node.Output[0], new ConstantValue(new Tensor(shape, result.ToArray(), data.IsInteger)));
    }

    public static void Concat(NodeProto node, ImportContext context)
    {
        var parts = Enumerable.Range(0, node.Input.Count).Select(i => context.Input(node, i)).ToArray();
        if (parts.Any(p => p is not ConstantValue))
            throw OnnxRefusal.At(node, "concatenates values computed from the input, which pwl-network/2 has no node for");
        var tensors = parts.Cast<ConstantValue>().Select(p => p.Tensor).ToArray();
        var rank = tensors[0].Shape.Length;
        var axis = Shapes.Axis(node.Int("axis", 0), rank, p => OnnxRefusal.At(node, p));
        var outer = Shapes.Size(tensors[0].Shape.AsSpan(0, axis));
        var result = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            foreach (var t in tensors)
            {
                var block = Shapes.Size(t.Shape.AsSpan(axis));
                result.AddRange(t.Data.AsSpan((int)(o * block), (int)block).ToArray());
            }
        }
        var shape = tensors[0].Shape.ToArray();
        shape[axis] = tensors.Sum(t => t.Shape[axis]);
        context.Set(node.Output[0], new ConstantValue(new Tensor(shape, result.ToArray(), tensors.All(t => t.IsInteger))));
    }

    public static void Cast(NodeProto node, ImportContext context)
    {
        var tensor = context.Constant(node, 0, "input");
        var to = (TensorProto.Types.DataType)node.Int("to", 0);
        var isInteger = to is TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Int32 or TensorProto.Types.DataType.Bool
            or TensorProto.Types.DataType.Int8 or TensorProto.Types.DataType.Int16 or TensorProto.Types.DataType.Uint8;
        var data = tensor.Data.Select(v => to switch
        {
            TensorProto.Types.DataType.Float => (double)(float)v,
            TensorProto.Types.DataType.Bool => v != 0 ? 1 : 0,
            _ when isInteger => Math.Truncate(v),
            _ => v,
        }).ToArray();
        context.Set(node.Output[0], new ConstantValue(new Tensor(tensor.Shape, data, isInteger)));
    }

    public static void ConstantOfShape(NodeProto node, ImportContext context)
    {
        var shape = context.Constant(node, 0, "shape").AsLongs();
        var fill = node.Find("value") is { } v ? Tensor.From(v.T, $"node '{OnnxRefusal.NameOf(node)}' (ConstantOfShape)") : Tensor.Scalar(0);
        var data = new double[Shapes.Size(shape)];
        Array.Fill(data, fill.Data[0]);
        context.Set(node.Output[0], new ConstantValue(new Tensor(shape, data, fill.IsInteger)));
    }

    private static long Normal(long axis, int rank) => axis < 0 ? axis + rank : axis;
}
