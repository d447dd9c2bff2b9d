using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Onnx;
using Regions.Onnx;

namespace Regions.Benchmarks;

/// <summary>
/// ONNX import of a 10 MB model (issue 13, item 7: "a 10 MB ONNX file in under 1 s"): a 784-1200-1200-10 relu
/// MLP, 2.4 M float32 weights as raw data (as PyTorch writes them), built in memory the way
/// OnnxImportSpeedTests builds it. The baseline, in the same run, is the protobuf parse of the same bytes
/// alone (OnnxSharp's ModelProto parser, the importer's first step): the ratio is the import's cost over
/// reading the file at all.
/// </summary>
[MemoryDiagnoser]
public class OnnxImportBenchmarks
{
    private byte[] bytes = [];

    /// <summary>The model's size, for the summary line.</summary>
    public static long Bytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        bytes = Mlp([784, 1200, 1200, 10], new Random(1));
        Bytes = bytes.Length;
    }

    [Benchmark(Baseline = true)]
    public int ParseOnly() => ModelProto.Parser.ParseFrom(bytes).Graph.Initializer.Count;

    [Benchmark]
    public long Import() => OnnxImporter.Import(bytes, new OnnxImportOptions()).ParameterCount;

    /// <summary>Gemm (transB = 1) and Relu nodes, opset 13, a dynamic batch dimension "N".</summary>
    private static byte[] Mlp(int[] widths, Random random)
    {
        var graph = new GraphProto { Name = "mlp" };
        graph.Input.Add(Value("input", [null, widths[0]]));
        var h = "input";
        for (var l = 1; l < widths.Length; l++)
        {
            var weight = Initializer(graph, $"w{l}", [widths[l], widths[l - 1]], random);
            var bias = Initializer(graph, $"b{l}", [widths[l]], random);
            h = Node(graph, "Gemm", [h, weight, bias], new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            if (l < widths.Length - 1) h = Node(graph, "Relu", [h]);
        }
        graph.Output.Add(Value(h, null));
        var model = new ModelProto { IrVersion = 8, ProducerName = "regions-bench", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static string Initializer(GraphProto graph, string name, long[] shape, Random random)
    {
        var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++) data[i] = (float)(2 * random.NextDouble() - 1);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        graph.Initializer.Add(tensor);
        return name;
    }

    private static string Node(GraphProto graph, string op, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add($"{node.Name}_out");
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return node.Output[0];
    }

    private static ValueInfoProto Value(string name, long?[]? shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float };
        if (shape is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in shape)
                tensor.Shape.Dim.Add(d is { } v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
