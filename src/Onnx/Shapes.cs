namespace Regions.Onnx;

/// <summary>Static shapes: sizes, row-major strides and numpy broadcasting.</summary>
internal static class Shapes
{
    public static long Size(ReadOnlySpan<long> shape)
    {
        long size = 1;
        foreach (var d in shape) size = checked(size * d);
        return size;
    }

    public static string Show(IEnumerable<long> shape) => $"[{string.Join(",", shape)}]";

    public static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /// <summary>The numpy (multidirectional) broadcast of two shapes, or null when they do not broadcast.</summary>
    public static long[]? Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1) return null;
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>The values of <paramref name="tensor"/> broadcast to <paramref name="shape"/>, in row-major order.</summary>
    public static double[] Expand(Tensor tensor, long[] shape)
    {
        var size = Size(shape);
        var result = new double[size];
        var rank = shape.Length;
        var source = tensor.Shape;
        var offset = rank - source.Length;
        var sourceStrides = Strides(source);
        var index = new long[rank];
        for (long flat = 0; flat < size; flat++)
        {
            long at = 0;
            for (var i = 0; i < source.Length; i++)
            {
                if (source[i] != 1) at += index[i + offset] * sourceStrides[i];
            }
            result[flat] = tensor.Data[at];
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < shape[i]) break;
                index[i] = 0;
            }
        }
        return result;
    }

    /// <summary>An axis attribute (negative counts from the end) as an index in [0, rank).</summary>
    public static int Axis(long axis, int rank, Func<string, Exception> refuse)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw refuse($"axis {axis} is outside a rank-{rank} tensor");
        return (int)a;
    }
}
