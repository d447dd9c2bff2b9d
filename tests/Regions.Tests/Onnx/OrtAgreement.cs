using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Onnx;

namespace Regions.Tests.Onnx;

/// <summary>
/// The check every imported model passes: on random inputs, our network's outputs equal ONNX Runtime's (float32) to
/// <see cref="Tolerance"/> relative to the output's scale, and every hidden unit's state we compute is the one ONNX
/// Runtime's intermediate values imply (the inputs of each Relu, LeakyRelu, PRelu, Abs, Clip and MaxPool node, asked
/// for as extra graph outputs). A unit whose value lies within <see cref="Tolerance"/> of a breakpoint (or whose
/// window's two largest entries are that close) is not compared: float32 and double may decide it differently.
/// </summary>
internal static class OrtAgreement
{
    public const double Tolerance = 1e-5;

    private static readonly string[] Nonlinear = ["Relu", "LeakyRelu", "PRelu", "Abs", "Clip", "MaxPool", "GlobalMaxPool"];

    /// <returns>The imported network and the number of unit states compared.</returns>
    public static (Network Network, long Compared) Check(ModelProto model, OnnxImportOptions? options = null, int samples = 12, double lo = -1, double hi = 1, int seed = 7)
    {
        var network = OnnxImporter.Import(model.ToByteArray(), options);
        var input = network.Meta!["input"]!.GetValue<string>();
        var output = network.Meta!["output"]!.GetValue<string>();
        var inputShape = network.Meta!["inputShape"]!.AsArray().Select(d => (int)d!.GetValue<long>()).ToArray();
        var hidden = HiddenNodes(model, output);
        var piecewise = Enumerable.Range(0, network.Layers.Count).Where(i => network.Layers[i].IsPiecewise).ToArray();
        Assert.Equal(hidden.Count, piecewise.Length);

        var augmented = model.Clone();
        foreach (var node in hidden)
        {
            if (augmented.Graph.Output.All(o => o.Name != node.Input[0])) augmented.Graph.Output.Add(OnnxGraph.Value(node.Input[0], null));
        }
        using var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(augmented.ToByteArray(), sessionOptions);
        var interpreter = new Interpreter(network);
        var random = new Random(seed);
        long compared = 0;
        for (var s = 0; s < samples; s++)
        {
            var x = new float[network.Inputs];
            for (var i = 0; i < x.Length; i++) x[i] = (float)(lo + (hi - lo) * random.NextDouble());
            var names = new[] { output }.Concat(hidden.Select(h => h.Input[0])).Distinct().ToArray();
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(x, inputShape))], names);
            var values = results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().Select(v => (double)v).ToArray());

            var xd = x.Select(v => (double)v).ToArray();
            var ours = interpreter.Forward(xd);
            var theirs = values[output];
            Assert.Equal(theirs.Length, ours.Length);
            var scale = 1 + theirs.Max(Math.Abs);
            for (var i = 0; i < ours.Length; i++)
                Assert.True(Math.Abs(ours[i] - theirs[i]) <= Tolerance * scale, $"sample {s}, output {i}: ours {ours[i]}, ONNX Runtime {theirs[i]}");

            var pattern = interpreter.Pattern(xd);
            for (var h = 0; h < hidden.Count; h++)
            {
                var expected = States(hidden[h], model, values[hidden[h].Input[0]]);
                var layer = piecewise[h];
                Assert.Equal(expected.Length, network.Layers[layer].ActivationUnits);
                for (var u = 0; u < expected.Length; u++)
                {
                    if (expected[u] < 0) continue;
                    Assert.True(expected[u] == network.Layout.State(pattern, layer, u),
                        $"sample {s}, node {hidden[h].Name} ({hidden[h].OpType}), unit {u}: ONNX Runtime implies state {expected[u]}, ours is {network.Layout.State(pattern, layer, u)}");
                    compared++;
                }
            }
        }
        return (network, compared);
    }

    /// <summary>The nonlinear nodes the output depends on, in graph order (the order of our piecewise layers for a chain).</summary>
    public static List<NodeProto> HiddenNodes(ModelProto model, string output)
    {
        var producers = new Dictionary<string, NodeProto>();
        foreach (var node in model.Graph.Node) foreach (var o in node.Output) producers[o] = node;
        var needed = new HashSet<NodeProto>();
        var stack = new Stack<string>([output]);
        while (stack.TryPop(out var name))
        {
            if (producers.TryGetValue(name, out var node) && needed.Add(node)) foreach (var i in node.Input) stack.Push(i);
        }
        return model.Graph.Node.Where(n => needed.Contains(n) && Nonlinear.Contains(n.OpType) && !IsIdentityClip(n, model)).ToList();
    }

    private static bool IsIdentityClip(NodeProto node, ModelProto model) => node.OpType == "Clip" && ClipBounds(node, model) is (null, null);

    /// <summary>The states ONNX Runtime's value <paramref name="z"/> at the node's input implies, -1 where too close to call.</summary>
    private static int[] States(NodeProto node, ModelProto model, double[] z)
    {
        switch (node.OpType)
        {
            case "Relu" or "LeakyRelu" or "PRelu" or "Abs":
                return z.Select(v => Math.Abs(v) <= Tolerance ? -1 : (v > 0 ? 1 : 0)).ToArray();
            case "Clip":
            {
                var (a, b) = ClipBounds(node, model);
                return z.Select(v => (a, b) switch
                {
                    ({ } l, { } u) => Near(v, l) || Near(v, u) ? -1 : (v < l ? 0 : (v > u ? 2 : 1)),
                    ({ } l, null) => Near(v, l) ? -1 : (v > l ? 1 : 0),
                    (null, { } u) => Near(v, u) ? -1 : (v < u ? 1 : 0),
                    _ => throw new InvalidOperationException(),
                }).ToArray();
            }
            default:
                return PoolStates(node, model, z);
        }
    }

    private static bool Near(double v, double bound) => Math.Abs(v - bound) <= Tolerance * (1 + Math.Abs(bound));

    /// <summary>Max-pooling states: per window (valid positions in kernel order), the index of the first largest entry.</summary>
    private static int[] PoolStates(NodeProto node, ModelProto model, double[] z)
    {
        var shape = ShapeOf(node.Input[0], model) ?? throw new InvalidOperationException($"no shape for {node.Input[0]}");
        var (c, h, w) = shape.Length == 4 ? ((int)shape[1], (int)shape[2], (int)shape[3]) : ((int)shape[1], 1, (int)shape[2]);
        var global = node.OpType == "GlobalMaxPool";
        long[] Get(string name, long[] fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray() is { Length: > 0 } v ? v : fallback;
        var spatial = shape.Length - 2;
        var kernel = global ? shape[2..] : Get("kernel_shape", []);
        var strides = Get("strides", Enumerable.Repeat(1L, spatial).ToArray());
        var dilations = Get("dilations", Enumerable.Repeat(1L, spatial).ToArray());
        var pads = Get("pads", new long[2 * spatial]);
        int kh = spatial == 2 ? (int)kernel[0] : 1, kw = (int)kernel[^1];
        int sh = spatial == 2 ? (int)strides[0] : 1, sw = (int)strides[^1];
        int dh = spatial == 2 ? (int)dilations[0] : 1, dw = (int)dilations[^1];
        int pt = spatial == 2 ? (int)pads[0] : 0, pl = (int)pads[spatial - 1];
        int pb = spatial == 2 ? (int)pads[2] : 0, pr = (int)pads[^1];
        var autoPad = node.Attribute.FirstOrDefault(x => x.Name == "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            // ONNX: output ceil(size / stride), the total padding split with the odd one at the end (UPPER) or the start (LOWER).
            (pt, pb) = Same(h, kh, sh, dh, autoPad == "SAME_UPPER");
            (pl, pr) = Same(w, kw, sw, dw, autoPad == "SAME_UPPER");
        }
        var oh = (h + pt + pb - ((kh - 1) * dh + 1)) / sh + 1;
        var ow = (w + pl + pr - ((kw - 1) * dw + 1)) / sw + 1;
        var states = new List<int>();
        for (var ch = 0; ch < c; ch++)
        {
            for (var i = 0; i < oh; i++)
            {
                for (var j = 0; j < ow; j++)
                {
                    var window = new List<double>();
                    for (var a = 0; a < kh; a++)
                    {
                        for (var b = 0; b < kw; b++)
                        {
                            var y = i * sh - pt + a * dh;
                            var x = j * sw - pl + b * dw;
                            if (y >= 0 && y < h && x >= 0 && x < w) window.Add(z[(ch * h + y) * w + x]);
                        }
                    }
                    var best = 0;
                    for (var k = 1; k < window.Count; k++) if (window[k] > window[best]) best = k;
                    var close = window.Where((v, k) => k != best && Math.Abs(v - window[best]) <= Tolerance * (1 + Math.Abs(v))).Any();
                    states.Add(close ? -1 : best);
                }
            }
        }
        return states.ToArray();
    }

    private static (int Begin, int End) Same(int size, int kernel, int stride, int dilation, bool upper)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max(0, (output - 1) * stride + (kernel - 1) * dilation + 1 - size);
        var begin = upper ? total / 2 : total - total / 2;
        return (begin, total - begin);
    }

    /// <summary>A value's static shape: ONNX Runtime runs the graph once on zeros and reports it.</summary>
    private static long[]? ShapeOf(string name, ModelProto model)
    {
        var augmented = model.Clone();
        augmented.Graph.Output.Clear();
        augmented.Graph.Output.Add(OnnxGraph.Value(name, null));
        using var session = new InferenceSession(augmented.ToByteArray());
        var input = session.InputMetadata.First();
        var dims = input.Value.Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
        var size = dims.Aggregate(1, (a, b) => a * b);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(new float[size], dims))], [name]);
        return results.First().AsTensor<float>().Dimensions.ToArray().Select(d => (long)d).ToArray();
    }

    /// <summary>Clip's bounds (attributes before opset 11, constant inputs from 11), null when absent.</summary>
    public static (double? Min, double? Max) ClipBounds(NodeProto node, ModelProto model)
    {
        var opset = model.OpsetImport.First(o => o.Domain is "" or "ai.onnx").Version;
        double? min, max;
        if (opset < 11)
        {
            min = node.Attribute.FirstOrDefault(a => a.Name == "min")?.F;
            max = node.Attribute.FirstOrDefault(a => a.Name == "max")?.F;
        }
        else
        {
            min = node.Input.Count > 1 && node.Input[1].Length > 0 ? ConstantScalar(node.Input[1], model) : null;
            max = node.Input.Count > 2 && node.Input[2].Length > 0 ? ConstantScalar(node.Input[2], model) : null;
        }
        if (min <= float.MinValue) min = null;
        if (max >= float.MaxValue) max = null;
        return (min, max);
    }

    private static double ConstantScalar(string name, ModelProto model)
    {
        var tensor = model.Graph.Initializer.FirstOrDefault(t => t.Name == name)
            ?? model.Graph.Node.First(n => n.OpType == "Constant" && n.Output[0] == name).Attribute.First(a => a.Name == "value").T;
        return tensor.FloatData.Count > 0 ? tensor.FloatData[0] : BitConverter.ToSingle(tensor.RawData.Span);
    }
}
