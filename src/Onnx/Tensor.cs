using Onnx;

namespace Regions.Onnx;

/// <summary>A constant of the graph (an initializer, a Constant node or a folded value): its static shape and its values as doubles.</summary>
internal sealed class Tensor
{
    public Tensor(long[] shape, double[] data, bool isInteger = false)
    {
        if (Shapes.Size(shape) != data.Length) throw new ArgumentException($"{data.Length} values for shape [{string.Join(",", shape)}]");
        Shape = shape;
        Data = data;
        IsInteger = isInteger;
    }

    public long[] Shape { get; }

    public double[] Data { get; }

    /// <summary>True for integer element types (shapes, indices): division truncates.</summary>
    public bool IsInteger { get; }

    public static Tensor Scalar(double value, bool isInteger = false) => new([], [value], isInteger);

    public static Tensor Vector(IEnumerable<long> values) => new Tensor([values.LongCount()], values.Select(v => (double)v).ToArray(), isInteger: true);

    public long[] AsLongs() => Data.Select(v => (long)v).ToArray();

    /// <summary>Reads a tensor proto; <paramref name="where"/> names it in a refusal (non-finite values, an element type we do not read, external data).</summary>
    public static Tensor From(TensorProto proto, string where)
    {
        var shape = proto.Dims.ToArray();
        if (shape.Any(d => d < 0)) throw OnnxRefusal.Model($"{where}: negative dimension in [{string.Join(",", shape)}]");
        if (proto.DataLocation == TensorProto.Types.DataLocation.External || proto.ExternalData.Count > 0)
            throw OnnxRefusal.Model($"{where}: external data is not supported (save the model with its weights inside)");
        var size = Shapes.Size(shape);
        var raw = proto.RawData.Length > 0 ? proto.RawData.Span : ReadOnlySpan<byte>.Empty;
        var type = (TensorProto.Types.DataType)proto.DataType;
        double[] data;
        bool isInteger;
        switch (type)
        {
            case TensorProto.Types.DataType.Float:
                data = proto.RawData.Length > 0 ? Raw<float>(raw, size, where).Select(v => (double)v).ToArray() : proto.FloatData.Select(v => (double)v).ToArray();
                isInteger = false;
                break;
            case TensorProto.Types.DataType.Double:
                data = proto.RawData.Length > 0 ? Raw<double>(raw, size, where) : proto.DoubleData.ToArray();
                isInteger = false;
                break;
            case TensorProto.Types.DataType.Float16:
                data = proto.RawData.Length > 0
                    ? Raw<Half>(raw, size, where).Select(v => (double)v).ToArray()
                    : proto.Int32Data.Select(v => (double)BitConverter.UInt16BitsToHalf((ushort)v)).ToArray();
                isInteger = false;
                break;
            case TensorProto.Types.DataType.Int64:
                data = proto.RawData.Length > 0 ? Raw<long>(raw, size, where).Select(v => (double)v).ToArray() : proto.Int64Data.Select(v => (double)v).ToArray();
                isInteger = true;
                break;
            case TensorProto.Types.DataType.Int32:
                data = proto.RawData.Length > 0 ? Raw<int>(raw, size, where).Select(v => (double)v).ToArray() : proto.Int32Data.Select(v => (double)v).ToArray();
                isInteger = true;
                break;
            case TensorProto.Types.DataType.Bool:
                data = proto.RawData.Length > 0 ? Raw<byte>(raw, size, where).Select(v => v != 0 ? 1.0 : 0.0).ToArray() : proto.Int32Data.Select(v => v != 0 ? 1.0 : 0.0).ToArray();
                isInteger = true;
                break;
            default:
                throw OnnxRefusal.Model($"{where}: element type {type} is not supported (float, double, float16, int64, int32, bool are)");
        }
        if (data.Length != size)
            throw OnnxRefusal.Model($"{where}: {data.Length} values for shape [{string.Join(",", shape)}]");
        for (var i = 0; i < data.Length; i++)
        {
            if (!double.IsFinite(data[i]))
                throw OnnxRefusal.Model($"{where}: value {i} is {data[i]} (weights must be finite)");
        }
        return new Tensor(shape, data, isInteger);
    }

    private static T[] Raw<T>(ReadOnlySpan<byte> raw, long size, string where) where T : unmanaged
    {
        var width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (raw.Length != size * width)
            throw OnnxRefusal.Model($"{where}: {raw.Length} bytes of raw data, expected {size * width}");
        // ONNX raw data is little-endian, as is every machine .NET runs this on.
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(raw).ToArray();
    }
}
