using Onnx;
using Regions.Kernel.Model.Graph;

namespace Regions.Onnx;

/// <summary>Gemm and MatMul with a constant weight matrix: a <c>dense</c> node.</summary>
internal static class LinearLowering
{
    /// <summary>Y = alpha A B' + beta C with A the computed [1, K] row, B' = B or its transpose (transB), C broadcast to [1, N].</summary>
    public static void Gemm(NodeProto node, ImportContext context)
    {
        if (node.Int("transA", 0) != 0) throw OnnxRefusal.At(node, "transA = 1 is not supported (the input must be the [batch, features] row)");
        var a = context.Computed(node, 0);
        if (a.Shape.Length != 2 || a.Shape[0] != 1) throw OnnxRefusal.At(node, $"input A has shape {Shapes.Show(a.Shape)}, expected [1, K]");
        var b = context.Constant(node, 1, "weight matrix B");
        if (b.Shape.Length != 2) throw OnnxRefusal.At(node, $"B has shape {Shapes.Show(b.Shape)}, expected a matrix");
        var transB = node.Int("transB", 0) != 0;
        var (k, n) = transB ? ((int)b.Shape[1], (int)b.Shape[0]) : ((int)b.Shape[0], (int)b.Shape[1]);
        if (k != a.Shape[1]) throw OnnxRefusal.At(node, $"B has shape {Shapes.Show(b.Shape)}, which does not multiply A of shape {Shapes.Show(a.Shape)}");
        var alpha = node.Float("alpha", 1);
        var beta = node.Float("beta", 1);
        var w = new double[(long)n * k];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < k; j++) w[(long)i * k + j] = alpha * (transB ? b.Data[(long)i * k + j] : b.Data[(long)j * n + i]);
        }
        double[]? offset = null;
        if (context.OptionalInput(node, 2) is not null)
        {
            var c = context.Constant(node, 2, "bias C");
            var shape = Shapes.Broadcast([1, n], c.Shape);
            if (shape is null || shape[0] != 1 || shape[1] != n) throw OnnxRefusal.At(node, $"C of shape {Shapes.Show(c.Shape)} does not broadcast to [1, {n}]");
            offset = Shapes.Expand(c, [1, n]).Select(v => beta * v).ToArray();
        }
        var input = context.Read(a, node);
        context.Emit(node, new DenseNode(context.Graph.NameFor(node), input, n, w, offset ?? new double[n]), [1, n]);
    }

    /// <summary>X W with X computed [..., K] and W a constant [K, N]: each row of X (every leading index) times W.</summary>
    public static void MatMul(NodeProto node, ImportContext context)
    {
        if (context.Input(node, 0) is ConstantValue && context.Input(node, 1) is ConstantValue)
            throw OnnxRefusal.At(node, "multiplies two constants; fold them before export");
        if (context.Input(node, 0) is not ComputedValue)
            throw OnnxRefusal.At(node, "multiplies a constant on the left of the computed value; only X W with a constant W is supported");
        var x = context.Computed(node, 0);
        var w = context.Constant(node, 1, "weight matrix");
        if (w.Shape.Length != 2) throw OnnxRefusal.At(node, $"weight matrix has shape {Shapes.Show(w.Shape)}; only a matrix is supported");
        var (k, n) = ((int)w.Shape[0], (int)w.Shape[1]);
        if (x.Shape.Length == 0 || x.Shape[^1] != k) throw OnnxRefusal.At(node, $"input of shape {Shapes.Show(x.Shape)} does not multiply a {k}x{n} matrix");
        var rows = x.Length / k;
        // Each of the leading rows times W: one dense map, block-diagonal when there are several rows.
        if ((double)rows * n * rows * k > Array.MaxLength) throw OnnxRefusal.At(node, $"the {rows}-row product's dense map does not fit in one array");
        var dense = new double[(long)rows * n * rows * k];
        var columns = (long)rows * k;
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < k; j++) dense[(r * n + i) * columns + r * k + j] = w.Data[(long)j * n + i];
            }
        }
        long[] shape = x.Shape.Length == 1 ? [n] : [.. x.Shape[..^1], n];
        var input = context.Read(x, node);
        context.Emit(node, new DenseNode(context.Graph.NameFor(node), input, rows * n, dense, new double[rows * n]), shape);
    }
}
