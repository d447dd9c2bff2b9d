namespace Regions.Kernel.Model.Graph;

/// <summary>A node whose value splits regions: one unit per element (per window, per group for the max nodes).</summary>
public abstract class PiecewiseNode(string name, string input) : GraphNode(name, [input])
{
    public string Input => Inputs[0];

    public override bool IsPiecewise(int[] input) => true;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs) => inputs[0];
}

public sealed class ReluNode(string name, string input) : PiecewiseNode(name, input)
{
    public override string Op => "relu";
}

public sealed class AbsNode(string name, string input) : PiecewiseNode(name, input)
{
    public override string Op => "abs";
}

/// <summary>x for x > 0, a x otherwise, with one <see cref="Slope"/>, or <see cref="Slopes"/> per channel (or per element): a PReLU, any finite values.</summary>
public sealed class LeakyReluNode(string name, string input, double slope, double[]? slopes) : PiecewiseNode(name, input)
{
    public override string Op => "leaky_relu";
    public double Slope { get; } = slope;
    public double[]? Slopes { get; } = slopes;

    /// <summary>The slope of each element.</summary>
    public double[] UnitSlopes(int[] shape) =>
        Slopes is null ? Enumerable.Repeat(Slope, (int)Shape.Size(shape)).ToArray() : ScaleNode.Expand(Slopes, shape, "slopes");

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        if (!double.IsFinite(Slope)) throw new GraphException($"slope {Slope} is not finite");
        if (Slopes is not null)
        {
            if (Slope != 0) throw new GraphException("give slope or slopes, not both");
            ScaleNode.Expand(Slopes, inputs[0], "slopes");
            foreach (var s in Slopes) if (!double.IsFinite(s)) throw new GraphException($"slope {s} is not finite");
        }
        return inputs[0];
    }
}

/// <summary>clip(x, Min, Max), three states per unit; the lowering rescales around the unit hardtanh (breakpoints -1, 1).</summary>
public sealed class HardTanhNode(string name, string input, double min = -1, double max = 1) : PiecewiseNode(name, input)
{
    public override string Op => "hardtanh";
    public double Min { get; } = min;
    public double Max { get; } = max;
    public bool IsUnit => Min == -1 && Max == 1;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        if (!(Min < Max)) throw new GraphException($"min {Min} is not below max {Max}");
        return inputs[0];
    }
}

/// <summary>The max of consecutive groups of <see cref="Rank"/> entries of the flattened input; the state is the index of the largest, the lowest on ties.</summary>
public sealed class MaxoutNode(string name, string input, int rank) : PiecewiseNode(name, input)
{
    public override string Op => "maxout";
    public int Rank { get; } = rank;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        var size = Shape.Size(inputs[0]);
        if (Rank < 2 || Rank > Layer.MaxRank) throw new GraphException($"rank {Rank} is outside [2, {Layer.MaxRank}]");
        if (size % Rank != 0) throw new GraphException($"{size} values are not a multiple of rank {Rank}");
        return [(int)(size / Rank)];
    }
}

/// <summary>
/// Max-pooling: one unit per output (channel x position, row-major) over its window's entries in kernel order, so
/// the state is the position in the window of the largest entry, the lowest on ties. A padded position is not in the
/// window. A pooling whose windows all hold one entry is a selection, which is affine.
/// </summary>
public sealed class MaxPoolNode(string name, string input, int[] kernel, int[]? strides, int[]? pads, int[]? dilations) : PiecewiseNode(name, input)
{
    public override string Op => "maxpool";
    public int[] Kernel { get; } = kernel;
    public int[]? Strides { get; } = strides;
    public int[]? Pads { get; } = pads;
    public int[]? Dilations { get; } = dilations;

    public Window Window(int[] input) => Graph.Window.Of(input, Kernel, Strides, Pads, Dilations);

    public override bool IsPiecewise(int[] input) => Windows(input).Max(w => w.Length) > 1;

    public override int[] OutputShape(IReadOnlyList<int[]> inputs)
    {
        var windows = Windows(inputs[0]);
        var rank = windows.Max(w => w.Length);
        if (rank > Layer.MaxRank) throw new GraphException($"a window of {rank:N0} entries is above the largest maxout rank, {Layer.MaxRank:N0}");
        return Window(inputs[0]).OutputShape(inputs[0][0]);
    }

    /// <summary>Each output's window as flat input indices, in kernel order, padded positions left out.</summary>
    public int[][] Windows(int[] input)
    {
        var g = Window(input);
        var windows = new int[g.Channels * g.Positions][];
        var window = new List<int>(g.KernelSize);
        var u = 0;
        for (var c = 0; c < g.Channels; c++)
        {
            for (var oh = 0; oh < g.OH; oh++)
            {
                for (var ow = 0; ow < g.OW; ow++)
                {
                    window.Clear();
                    for (var kh = 0; kh < g.KH; kh++)
                    {
                        for (var kw = 0; kw < g.KW; kw++)
                        {
                            var at = g.Position(oh, ow, kh, kw);
                            if (at >= 0) window.Add(c * g.Plane + at);
                        }
                    }
                    if (window.Count == 0) throw new GraphException("a window lies entirely in the padding");
                    windows[u++] = window.ToArray();
                }
            }
        }
        return windows;
    }
}
