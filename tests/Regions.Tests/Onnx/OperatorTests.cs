using Onnx;
using Regions.Kernel.Model;
using Regions.Onnx;

namespace Regions.Tests.Onnx;

/// <summary>Every supported operator, in a small model built in code, imports and agrees with ONNX Runtime (<see cref="OrtAgreement"/>).</summary>
public sealed class OnnxOperatorTests
{
    private static (Network Network, long Compared) Agree(OnnxGraph g, string output, double lo = -1, double hi = 1)
    {
        var result = OrtAgreement.Check(g.Model(output), lo: lo, hi: hi);
        Assert.True(result.Compared > 0 || !result.Network.Layers.Any(l => l.IsPiecewise), "no unit state was compared");
        Assert.Equal(Activation.Linear, result.Network.Layers[^1].Activation);
        return result;
    }

    [Fact]
    public void Gemm_with_alpha_beta_and_both_transpositions_and_relu()
    {
        var g = new OnnxGraph([null, 3]);
        var h = g.Node("Gemm", [g.Input, g.Random([5, 3]), g.Random([5])], ("transB", 1L), ("alpha", 0.5), ("beta", 2.0));
        h = g.Node("Relu", [h]);
        h = g.Node("Gemm", [h, g.Random([5, 2]), g.Random([1, 2])]);
        var (network, _) = Agree(g, h);
        Assert.Equal([5, 2], network.Widths);
    }

    [Fact]
    public void MatMul_and_Add_bias_with_leaky_relu()
    {
        var g = new OnnxGraph([null, 4]);
        var h = g.Node("MatMul", [g.Input, g.Random([4, 6])]);
        h = g.Node("Add", [h, g.Random([6])]);
        h = g.Node("LeakyRelu", [h], ("alpha", 0.125));
        h = g.Node("MatMul", [h, g.Random([6, 2])]);
        h = g.Node("Add", [g.Random([2]), h]);
        var (network, _) = Agree(g, h);
        Assert.Equal(Activation.LeakyRelu, network.Layers[0].Activation);
        Assert.Equal(0.125, network.Layers[0].Slope);
    }

    [Fact]
    public void Input_normalisation_Sub_Div_Mul_and_Abs_fold_into_the_affine_maps()
    {
        var g = new OnnxGraph([null, 3]);
        var h = g.Node("Sub", [g.Input, g.Init([3], [0.5f, -0.25f, 0.1f])]);
        h = g.Node("Div", [h, g.Init([3], [0.3f, 2f, 1.5f])]);
        h = g.Node("Mul", [h, g.Scalar(1.5f)]);
        h = g.Node("Sub", [g.Scalar(0.2f), h]);
        h = g.Node("Gemm", [h, g.Random([4, 3]), g.Random([4])], ("transB", 1L));
        h = g.Node("Abs", [h]);
        h = g.Node("Gemm", [h, g.Random([1, 4])], ("transB", 1L));
        var (network, _) = Agree(g, h);
        Assert.Equal(2, network.Layers.Count);
    }

    [Fact]
    public void Clip_minus_one_one_is_hardtanh_and_other_bounds_are_its_affine_images()
    {
        var g = new OnnxGraph([null, 3]);
        var h = g.Node("Gemm", [g.Input, g.Random([6, 3], -3, 3), g.Random([6])], ("transB", 1L));
        h = g.Node("Clip", [h, g.Scalar(-1), g.Scalar(1)]);
        h = g.Node("Gemm", [h, g.Random([6, 6], -3, 3), g.Random([6])], ("transB", 1L));
        h = g.Node("Clip", [h, g.Scalar(0), g.Scalar(6)]);
        h = g.Node("Gemm", [h, g.Random([6, 6]), g.Random([6])], ("transB", 1L));
        h = g.Node("Clip", [h, g.Scalar(0.25f)]);
        h = g.Node("Gemm", [h, g.Random([6, 6]), g.Random([6])], ("transB", 1L));
        h = g.Node("Clip", [h, "", g.Scalar(0.5f)]);
        h = g.Node("Gemm", [h, g.Random([2, 6])], ("transB", 1L));
        var (network, _) = Agree(g, h, -3, 3);
        Assert.Equal([Activation.HardTanh, Activation.HardTanh, Activation.Relu, Activation.Relu, Activation.Linear], network.Layers.Select(l => l.Activation));
    }

    [Fact]
    public void Clip_bounds_given_by_constant_nodes_as_pytorch_writes_them()
    {
        var g = new OnnxGraph([null, 2], opset: 11);
        var h = g.Node("Gemm", [g.Input, g.Random([4, 2], -3, 3), g.Random([4])], ("transB", 1L));
        var lo = g.Node("Constant", [], ("value", FloatScalar(-1)));
        var hi = g.Node("Constant", [], ("value", FloatScalar(1)));
        h = g.Node("Clip", [h, lo, hi]);
        h = g.Node("Gemm", [h, g.Random([1, 4]), g.Random([1])], ("transB", 1L));
        Assert.Equal(Activation.HardTanh, Agree(g, h, -3, 3).Network.Layers[0].Activation);
    }

    [Fact]
    public void Clip_with_attributes_before_opset_11()
    {
        var g = new OnnxGraph([null, 3], opset: 9);
        var h = g.Node("Gemm", [g.Input, g.Random([5, 3], -3, 3), g.Random([5])], ("transB", 1L));
        h = g.Node("Clip", [h], ("min", -1.0), ("max", 1.0));
        h = g.Node("Gemm", [h, g.Random([2, 5]), g.Random([2])], ("transB", 1L));
        Assert.Equal(Activation.HardTanh, Agree(g, h, -3, 3).Network.Layers[0].Activation);
    }

    [Fact]
    public void PRelu_with_one_slope_is_leaky_relu()
    {
        var g = new OnnxGraph([null, 2, 3, 3]);
        var h = g.Node("Conv", [g.Input, g.Random([3, 2, 2, 2]), g.Random([3])]);
        h = g.Node("PRelu", [h, g.Init([3, 1, 1], [0.25f, 0.25f, 0.25f])]);
        h = g.Node("Flatten", [h]);
        h = g.Node("Gemm", [h, g.Random([2, 12])], ("transB", 1L));
        Assert.Equal(0.25, Agree(g, h).Network.Layers[0].Slope);
    }

    [Theory]
    [InlineData(1, 1, 0, 1, 1)]
    [InlineData(2, 1, 1, 1, 1)]
    [InlineData(1, 2, 1, 1, 1)]
    [InlineData(1, 1, 2, 2, 1)]
    [InlineData(2, 1, 1, 1, 2)]
    public void Conv_2d_with_strides_pads_dilations_groups_then_batch_norm_and_relu(int stride, int dilation, int pad, int groups, int scale)
    {
        var channels = 2 * groups;
        var g = new OnnxGraph([null, channels, 7, 6]);
        var h = g.Node("Conv", [g.Input, g.Random([4 * scale, channels / groups, 3, 2]), g.Random([4 * scale])],
            ("strides", new long[] { stride, stride }), ("dilations", new long[] { dilation, dilation }),
            ("pads", new long[] { pad, pad, pad, 0 }), ("group", (long)groups), ("kernel_shape", new long[] { 3, 2 }));
        h = g.Node("BatchNormalization", [h, g.Random([4 * scale], 0.5, 2), g.Random([4 * scale]), g.Random([4 * scale]), g.Random([4 * scale], 0.1, 2)], ("epsilon", 1e-3));
        h = g.Node("Relu", [h]);
        h = g.Node("Flatten", [h]);
        var width = (int)OnnxImporter.Import(g.Bytes(h)).Outputs;
        h = g.Node("Gemm", [h, g.Random([3, width])], ("transB", 1L));
        Agree(g, h);
    }

    [Fact]
    public void Auto_pad_same_for_conv_and_pooling()
    {
        var g = new OnnxGraph([null, 2, 7, 7]);
        var h = g.Node("Conv", [g.Input, g.Random([3, 2, 3, 3]), g.Random([3])], ("auto_pad", "SAME_UPPER"), ("strides", new long[] { 2, 2 }));
        h = g.Node("Relu", [h]);
        h = g.Node("MaxPool", [h], ("kernel_shape", new long[] { 2, 2 }), ("auto_pad", "SAME_LOWER"));
        h = g.Node("AveragePool", [h], ("kernel_shape", new long[] { 3, 3 }), ("auto_pad", "VALID"));
        h = g.Node("Flatten", [h]);
        var width = (int)OnnxImporter.Import(g.Bytes(h)).Outputs;
        h = g.Node("Gemm", [h, g.Random([2, width])], ("transB", 1L));
        Agree(g, h);
    }

    [Theory]
    [InlineData(13, 0.0)]
    [InlineData(13, 0.5)]
    [InlineData(9, 0.0)]
    public void Constant_pad_before_pooling_is_affine(long opset, double value)
    {
        var g = new OnnxGraph([null, 2, 4, 4], opset: opset);
        var pads = new long[] { 0, 0, 1, 2, 0, 0, 1, 0 };
        var h = opset >= 11
            ? g.Node("Pad", [g.Input, g.Ints(pads), g.Scalar((float)value)])
            : g.Node("Pad", [g.Input], ("pads", pads), ("value", value));
        h = g.Node("AveragePool", [h], ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
        h = g.Node("Relu", [h]);
        h = g.Node("Flatten", [h]);
        var width = (int)OnnxImporter.Import(g.Bytes(h)).Outputs;
        h = g.Node("Gemm", [h, g.Random([2, width]), g.Random([2])], ("transB", 1L));
        Agree(g, h);
    }

    [Fact]
    public void Conv_1d()
    {
        var g = new OnnxGraph([null, 2, 9]);
        var h = g.Node("Conv", [g.Input, g.Random([3, 2, 3]), g.Random([3])], ("pads", new long[] { 1, 1 }), ("strides", new long[] { 2 }));
        h = g.Node("Relu", [h]);
        h = g.Node("Flatten", [h]);
        h = g.Node("Gemm", [h, g.Random([2, 15])], ("transB", 1L));
        Agree(g, h);
    }

    [Fact]
    public void Batch_norm_first_folds_into_the_following_conv()
    {
        var g = new OnnxGraph([null, 2, 5, 5]);
        var h = g.Node("BatchNormalization", [g.Input, g.Random([2], 0.5, 2), g.Random([2]), g.Random([2]), g.Random([2], 0.1, 2)]);
        h = g.Node("Conv", [h, g.Random([3, 2, 3, 3])], ("pads", new long[] { 1, 1, 1, 1 }));
        h = g.Node("Relu", [h]);
        h = g.Node("GlobalAveragePool", [h]);
        h = g.Node("Flatten", [h]);
        h = g.Node("Gemm", [h, g.Random([2, 3])], ("transB", 1L));
        Assert.Equal(2, Agree(g, h).Network.Layers.Count);
    }

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(1, 2, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(0, 2, 1)]
    public void Max_pool_is_a_maxout_layer_and_average_pool_is_affine(int pad, int stride, int countIncludePad)
    {
        var g = new OnnxGraph([null, 2, 6, 6]);
        var h = g.Node("Conv", [g.Input, g.Random([3, 2, 3, 3]), g.Random([3])], ("pads", new long[] { 1, 1, 1, 1 }));
        h = g.Node("Relu", [h]);
        h = g.Node("MaxPool", [h], ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { stride, stride }), ("pads", new long[] { pad, pad, pad, pad }));
        h = g.Node("AveragePool", [h], ("kernel_shape", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }), ("count_include_pad", (long)countIncludePad));
        h = g.Node("Flatten", [h]);
        var width = (int)OnnxImporter.Import(g.Bytes(h)).Outputs;
        h = g.Node("Gemm", [h, g.Random([2, width])], ("transB", 1L));
        var network = Agree(g, h).Network;
        Assert.Equal(Activation.Maxout, network.Layers[1].Activation);
        Assert.Equal(4, network.Layers[1].Rank);
    }

    [Fact]
    public void Global_max_pool_and_dilated_max_pool()
    {
        var g = new OnnxGraph([null, 1, 5, 5]);
        var h = g.Node("Conv", [g.Input, g.Random([2, 1, 2, 2]), g.Random([2])]);
        h = g.Node("MaxPool", [h], ("kernel_shape", new long[] { 2, 2 }), ("dilations", new long[] { 2, 2 }));
        h = g.Node("GlobalMaxPool", [h]);
        h = g.Node("Flatten", [h]);
        h = g.Node("Gemm", [h, g.Random([1, 2])], ("transB", 1L));
        var network = Agree(g, h).Network;
        Assert.Equal([4, 4], network.Layers.Take(2).Select(l => l.Rank));
    }

    [Fact]
    public void PyTorch_style_view_reshape_identity_and_dropout_are_no_ops()
    {
        var g = new OnnxGraph([null, 2, 3, 3]);
        var h = g.Node("Conv", [g.Input, g.Random([2, 2, 2, 2])]);
        h = g.Node("Relu", [h]);
        h = g.Node("Identity", [h]);
        h = g.Node("Dropout", [h, g.Scalar(0.5f)]);
        // x.view(x.size(0), -1) as the exporter writes it: Shape, Gather, Unsqueeze, Concat, Reshape.
        var shape = g.Node("Shape", [h]);
        var batch = g.Node("Gather", [shape, g.Node("Constant", [], ("value", Int64Scalar(0)))], ("axis", 0L));
        var unsqueezed = g.Node("Unsqueeze", [batch, g.Ints(0)]);
        var target = g.Node("Concat", [unsqueezed, g.Ints(-1)], ("axis", 0L));
        h = g.Node("Reshape", [h, target]);
        h = g.Node("Gemm", [h, g.Random([3, 8]), g.Random([3])], ("transB", 1L));
        h = g.Node("Relu", [h]);
        h = g.Node("Reshape", [h, g.Ints(1, 3, 1)]);
        h = g.Node("Squeeze", [h, g.Ints(2)]);
        h = g.Node("MatMul", [h, g.Random([3, 2])]);
        Assert.Equal([8, 3, 2], Agree(g, h).Network.Widths);
    }

    [Fact]
    public void Initializers_listed_as_inputs_are_constants_and_opset_9_nodes_read_attributes()
    {
        var g = new OnnxGraph([null, 3], opset: 9);
        var w = g.Random([4, 3]);
        g.Graph.Input.Add(OnnxGraph.Value(w, [4, 3]));
        var h = g.Node("Gemm", [g.Input, w, g.Random([4])], ("transB", 1L));
        h = g.Node("Dropout", [h], ("ratio", 0.1));
        h = g.Node("Relu", [h]);
        h = g.Node("Unsqueeze", [h], ("axes", new long[] { 2 }));
        h = g.Node("Squeeze", [h], ("axes", new long[] { 2 }));
        h = g.Node("Gemm", [h, g.Random([2, 4]), g.Random([2])], ("transB", 1L));
        Agree(g, h);
    }

    [Fact]
    public void A_network_whose_last_node_is_an_activation_gets_an_identity_output_layer()
    {
        var g = new OnnxGraph([null, 2]);
        var h = g.Node("Gemm", [g.Input, g.Random([3, 2])], ("transB", 1L));
        h = g.Node("Relu", [h]);
        var network = Agree(g, h).Network;
        Assert.Equal(2, network.Layers.Count);
        Assert.Equal(Activation.Linear, network.Layers[1].Activation);
    }

    internal static TensorProto FloatScalar(float value)
    {
        var t = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        t.RawData = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes(value));
        return t;
    }

    internal static TensorProto Int64Scalar(long value)
    {
        var t = new TensorProto { DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Int64Data.Add(value);
        return t;
    }
}
