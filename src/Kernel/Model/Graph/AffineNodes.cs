namespace Regions.Kernel.Model.Graph;

/// <summary>A node that is an affine map of its inputs; the lowering composes it into the pending maps.</summary>
public abstract class AffineNode(string name, IReadOnlyList<string> inputs) : GraphNode(name, inputs)
{
    public override bool IsPiecewise(int[] input) => false;
}

/// <summary>y = W x + b over the flattened input; <see cref="Weights"/> is row-major [out][in].</summary>
public sealed class DenseNode(string name, string input, int outputs, double[] weights, double[] biases) : AffineNode(name, [input])
{
    public override string Op => "dense";
    public int Outputs { get; } = outputs;
    public double[] Weights { get; } = weights;
    public double[] Biases { get; } = biases;
    public string Input => Inputs[0];

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        var columns = Shape.Size(inputs[0]);
        if (Outputs < 1) throw new GraphException("at least one output row is needed");
        if (Weights.LongLength != Outputs * columns) throw new GraphException($"{Weights.LongLength} weights for {Outputs} rows over an input of {columns} values");
        if (Biases.Length != Outputs) throw new GraphException($"{Biases.Length} biases for {Outputs} rows");
        return [Outputs];
    }
}

/// <summary>
/// A 1-D or 2-D convolution (cross-correlation, as ONNX and PyTorch define it): weights [Cout][Cin/group][k...]
/// flattened row-major, optional biases (one per output channel), strides, pads [begin..., end...], dilations, group.
/// </summary>
public sealed class ConvNode(string name, string input, int[] weightShape, double[] weights, double[]? biases,
    int[]? strides, int[]? pads, int[]? dilations, int group) : AffineNode(name, [input])
{
    public override string Op => "conv";
    public string Input => Inputs[0];
    /// <summary>[Cout, Cin/group, k...].</summary>
    public int[] WeightShape { get; } = weightShape;
    public double[] Weights { get; } = weights;
    public double[]? Biases { get; } = biases;
    public int[]? Strides { get; } = strides;
    public int[]? Pads { get; } = pads;
    public int[]? Dilations { get; } = dilations;
    public int Group { get; } = group;
    public int OutChannels => WeightShape[0];
    public int[] Kernel => WeightShape[2..];

    public Window Window(int[] input) => Graph.Window.Of(input, Kernel, Strides, Pads, Dilations);

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        var input = inputs[0];
        if (WeightShape.Length != input.Length + 1)
            throw new GraphException($"weights of shape {Shape.Show(WeightShape)} do not fit an input of shape {Shape.Show(input)}");
        if (Weights.LongLength != Shape.Size(WeightShape)) throw new GraphException($"{Weights.LongLength} weights for the shape {Shape.Show(WeightShape)}");
        var w = Window(input);
        if (Group < 1 || w.Channels != WeightShape[1] * Group || OutChannels % Group != 0)
            throw new GraphException($"{Group} groups do not fit {w.Channels} input and {OutChannels} output channels with weights {Shape.Show(WeightShape)}");
        if (Biases is not null && Biases.Length != OutChannels) throw new GraphException($"{Biases.Length} biases for {OutChannels} output channels");
        return w.OutputShape(OutChannels);
    }
}

/// <summary>
/// y = scale * x + shift per element, the arrays of length 1 (every element), C (per channel: axis 0) or the
/// value's size: input normalisation, a folded batch normalisation, a negation.
/// </summary>
public sealed class ScaleNode(string name, string input, double[] scale, double[] shift) : AffineNode(name, [input])
{
    public override string Op => "scale";
    public string Input => Inputs[0];
    public double[] Scale { get; } = scale;
    public double[] Shift { get; } = shift;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        Expand(Scale, inputs[0], "scale");
        Expand(Shift, inputs[0], "shift");
        return inputs[0];
    }

    /// <summary>The per-element values of a length-1, per-channel or full array.</summary>
    public static double[] Expand(double[] values, int[] shape, string what)
    {
        var size = (int)Shape.Size(shape);
        if (values.Length == size) return values;
        if (values.Length == 1) return Enumerable.Repeat(values[0], size).ToArray();
        if (values.Length == shape[0]) return Enumerable.Range(0, size).Select(i => values[Shape.ChannelOf(shape, i)]).ToArray();
        throw new GraphException($"{values.Length} {what} values for a value of shape {Shape.Show(shape)}; expected 1, {shape[0]} (per channel) or {size}");
    }
}

/// <summary>Constant padding: the value placed inside a larger one (pads [begin..., end...] per axis), the border <see cref="Value"/>.</summary>
public sealed class PadNode(string name, string input, int[] pads, double value) : AffineNode(name, [input])
{
    public override string Op => "pad";
    public string Input => Inputs[0];
    public int[] Pads { get; } = pads;
    public double Value { get; } = value;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        var input = inputs[0];
        if (Pads.Length != 2 * input.Length) throw new GraphException($"{Pads.Length} pads for a rank-{input.Length} value (begin and end per axis)");
        if (Pads.Any(p => p < 0)) throw new GraphException("pads must not be negative");
        var shape = input.Select((d, i) => checked(d + Pads[i] + Pads[input.Length + i])).ToArray();
        Shape.Check(shape);
        return shape;
    }
}

/// <summary>Average pooling: each output the mean of its window (count_include_pad: divide by the kernel size, else by the entries inside the input).</summary>
public sealed class AvgPoolNode(string name, string input, int[] kernel, int[]? strides, int[]? pads, int[]? dilations, bool countIncludePad)
    : AffineNode(name, [input])
{
    public override string Op => "avgpool";
    public string Input => Inputs[0];
    public int[] Kernel { get; } = kernel;
    public int[]? Strides { get; } = strides;
    public int[]? Pads { get; } = pads;
    public int[]? Dilations { get; } = dilations;
    public bool CountIncludePad { get; } = countIncludePad;

    public Window Window(int[] input) => Graph.Window.Of(input, Kernel, Strides, Pads, Dilations);

    public override int[] OutputShape(IReadOnlyList<int[]> inputs) => Window(inputs[0]).OutputShape(inputs[0][0]);
}

/// <summary>The same values under another shape (values are row-major, so nothing moves): a flatten, a view.</summary>
public sealed class ReshapeNode(string name, string input, int[] shape) : AffineNode(name, [input])
{
    public override string Op => "reshape";
    public string Input => Inputs[0];
    public int[] Shape { get; } = shape;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        Graph.Shape.Check(Shape);
        if (Graph.Shape.Size(Shape) != Graph.Shape.Size(inputs[0]))
            throw new GraphException($"cannot reshape {Graph.Shape.Show(inputs[0])} to {Graph.Shape.Show(Shape)}");
        return Shape;
    }
}

/// <summary>The sum of two computed values of one shape: a residual connection.</summary>
public sealed class AddNode(string name, string left, string right) : AffineNode(name, [left, right])
{
    public override string Op => "add";

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        if (!inputs[0].SequenceEqual(inputs[1]))
            throw new GraphException($"adds values of shapes {Shape.Show(inputs[0])} and {Shape.Show(inputs[1])}; they must be equal");
        return inputs[0];
    }
}
