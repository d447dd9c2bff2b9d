using Google.Protobuf;
using Onnx;

namespace Regions.Tests.Onnx;

/// <summary>A small ONNX model built in code with OnnxSharp's protobuf classes, the way PyTorch's exporter writes one.</summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto graph = new() { Name = "test" };
    private readonly Random random;
    private int next;

    /// <param name="shape">The input's shape; a null entry is a dynamic dimension named "N" (the batch, as exporters write it).</param>
    public OnnxGraph(long?[] shape, long opset = 13, int seed = 1, string input = "input")
    {
        Opset = opset;
        random = new Random(seed);
        Input = input;
        InputShape = shape.Select(d => d ?? 1).ToArray();
        graph.Input.Add(Value(input, shape));
    }

    public long Opset { get; }

    public string Input { get; }

    /// <summary>The input shape with the dynamic batch fixed to 1.</summary>
    public long[] InputShape { get; }

    public GraphProto Graph => graph;

    public static ValueInfoProto Value(string name, long?[]? shape, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (shape is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in shape)
                tensor.Shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    /// <summary>An initializer with the given values (float32).</summary>
    public string Init(long[] shape, float[] data, string? name = null)
    {
        name ??= $"w{next++}";
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.FloatData.AddRange(data);
        graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>An int64 initializer (shapes, axes).</summary>
    public string Ints(params long[] values)
    {
        var name = $"i{next++}";
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A float initializer of random values in [lo, hi), stored as raw data (as PyTorch writes them).</summary>
    public string Random(long[] shape, double lo = -1, double hi = 1)
    {
        var name = $"w{next++}";
        var size = shape.Aggregate(1L, (a, b) => a * b);
        var data = new float[size];
        for (var i = 0; i < size; i++) data[i] = (float)(lo + (hi - lo) * random.NextDouble());
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        graph.Initializer.Add(tensor);
        return name;
    }

    public string Scalar(float value) => Init([], [value]);

    /// <summary>Adds a node and returns its (first) output's name; attributes are long, double, long[], float[], string or TensorProto.</summary>
    public string Node(string op, string[] inputs, params (string Name, object Value)[] attributes) => NodeOutputs(op, inputs, 1, attributes)[0];

    public string[] NodeOutputs(string op, string[] inputs, int outputs, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{next++}" };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => $"{node.Name}_out{i}").ToArray();
        node.Output.AddRange(names);
        foreach (var (name, value) in attributes) node.Attribute.Add(Attribute(name, value));
        graph.Node.Add(node);
        return names;
    }

    public static AttributeProto Attribute(string name, object value)
    {
        var a = new AttributeProto { Name = name };
        switch (value)
        {
            case long l: a.Type = AttributeProto.Types.AttributeType.Int; a.I = l; break;
            case int i: a.Type = AttributeProto.Types.AttributeType.Int; a.I = i; break;
            case double d: a.Type = AttributeProto.Types.AttributeType.Float; a.F = (float)d; break;
            case float f: a.Type = AttributeProto.Types.AttributeType.Float; a.F = f; break;
            case long[] ls: a.Type = AttributeProto.Types.AttributeType.Ints; a.Ints.AddRange(ls); break;
            case float[] fs: a.Type = AttributeProto.Types.AttributeType.Floats; a.Floats.AddRange(fs); break;
            case string s: a.Type = AttributeProto.Types.AttributeType.String; a.S = ByteString.CopyFromUtf8(s); break;
            case TensorProto t: a.Type = AttributeProto.Types.AttributeType.Tensor; a.T = t; break;
            default: throw new ArgumentException($"attribute {name}: {value.GetType()}");
        }
        return a;
    }

    /// <summary>The model with <paramref name="outputs"/> as its graph outputs.</summary>
    public ModelProto Model(params string[] outputs)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "regions-tests", Graph = graph.Clone() };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.Graph.Output.Clear();
        foreach (var o in outputs) model.Graph.Output.Add(Value(o, null));
        return model;
    }

    public byte[] Bytes(params string[] outputs) => Model(outputs).ToByteArray();
}
