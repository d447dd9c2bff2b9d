using Regions.Kernel.Format;
using Regions.Kernel.Limits;

namespace Regions.Kernel.Model.Graph;

/// <summary>The state of one lowering: the frontier's width, the maps of the values still read, and the layers so far.</summary>
internal sealed class LoweredChain(GraphNetwork graph, ResourceLimits limits)
{
    private readonly List<Layer> layers = [];
    private readonly Dictionary<string, FrontierMap> maps = [];
    /// <summary>Values held over the frontier, in frontier order (their carried rows follow this order).</summary>
    private readonly List<string> live = [];
    private readonly Dictionary<string, int> readers = [];
    private int width;
    private long weights;
    private long units;
    private GraphNode? current;

    public IReadOnlyList<Layer> Build()
    {
        var depth = Depths();
        foreach (var node in graph.Nodes) foreach (var read in node.Inputs) readers[read] = readers.GetValueOrDefault(read) + 1;
        readers[graph.Output] = readers.GetValueOrDefault(graph.Output) + 1;
        width = graph.Inputs;
        Hold(graph.InputName, new FrontierMap(width, 0, width, Reserve));

        var deepest = depth.Count == 0 ? 0 : depth.Values.Max();
        for (var d = 0; d <= deepest; d++)
        {
            foreach (var node in graph.Nodes)
            {
                if (depth[node.Name] == d && !IsPiecewise(node)) Affine(node);
            }
            if (d == deepest) break;
            var stage = graph.Nodes.Where(n => depth[n.Name] == d + 1 && IsPiecewise(n)).Cast<PiecewiseNode>().ToArray();
            foreach (var family in stage.GroupBy(UnitFamilies.Of)) Close(family.Key, family.ToArray());
        }

        current = null;
        var output = Take(graph.Output);
        var (w, b) = output.ToLayer();
        Count(Finite(() => new Layer(Activation.Linear, output.Rows, output.Columns, w, b)));
        return layers;
    }

    private bool IsPiecewise(GraphNode node) => node.IsPiecewise(graph.ShapeOf(node.Inputs[0]));

    /// <summary>The number of piecewise nodes on the longest path from the input to each node.</summary>
    private Dictionary<string, int> Depths()
    {
        var depth = new Dictionary<string, int> { [graph.InputName] = 0 };
        foreach (var node in graph.Nodes)
        {
            var deepest = node.Inputs.Max(i => depth[i]);
            depth[node.Name] = IsPiecewise(node) ? deepest + 1 : deepest;
        }
        depth.Remove(graph.InputName);
        return depth;
    }

    private void Affine(GraphNode node)
    {
        current = node;
        var input = graph.ShapeOf(node.Inputs[0]);
        if (node is MaxPoolNode selection)
        {
            var map = Take(selection.Input);
            AffineLowering.Select(selection, map, input);
            Hold(node.Name, map);
            return;
        }
        // The second input's map is read before the first is taken: an add of a value to itself reads it twice.
        var second = node.Inputs.Count > 1 ? maps[node.Inputs[1]] : null;
        var own = Take(node.Inputs[0]);
        AffineLowering.Apply((AffineNode)node, own, input, second);
        if (node.Inputs.Count > 1) Release(node.Inputs[1]);
        Hold(node.Name, own);
    }

    /// <summary>Closes one family's nodes of a stage into a layer, the values still read carried after its units.</summary>
    private void Close(UnitFamily family, PiecewiseNode[] nodes)
    {
        current = nodes[0];
        var unitRows = new List<(double[] Weights, double[] Biases, int Rows)>();
        var rank = family == UnitFamily.Max ? nodes.Max(MaxRank) : 1;
        var slopes = new List<double>();
        foreach (var node in nodes)
        {
            current = node;
            var shape = graph.ShapeOf(node.Input);
            var map = Take(node.Input);
            switch (node)
            {
                case HardTanhNode { IsUnit: false } clip:
                    // clip(x, a, b) = (b - a)/2 hardtanh((2x - a - b)/(b - a)) + (a + b)/2: the same breakpoints, so the same units.
                    map.Diagonal(Fill(map.Rows, 2 / (clip.Max - clip.Min)), Fill(map.Rows, -(clip.Min + clip.Max) / (clip.Max - clip.Min)));
                    break;
                case LeakyReluNode leaky:
                    slopes.AddRange(leaky.UnitSlopes(shape));
                    break;
                case ReluNode:
                    slopes.AddRange(new double[map.Rows]);
                    break;
            }
            if (family == UnitFamily.Max)
            {
                var rows = MaxRows(node, shape, rank);
                var (w, b) = map.Gather(rows);
                unitRows.Add((w, b, rows.Count));
            }
            else
            {
                var (w, b) = map.ToLayer();
                unitRows.Add((w, b, map.Rows));
            }
        }
        current = nodes[0];
        var carried = live.Where(v => readers[v] > 0).ToArray();
        var carriedRows = new List<(double[] Weights, double[] Biases, int Rows)>();
        foreach (var value in carried)
        {
            var (w, b) = maps[value].ToLayer();
            carriedRows.Add((w, b, maps[value].Rows));
        }
        var all = unitRows.Concat(carriedRows).ToArray();
        var (weightsOut, biasesOut) = all.Length == 1 ? (all[0].Weights, all[0].Biases) : Concatenate(all);
        var totalRows = all.Sum(r => r.Rows);
        var carriedCount = carriedRows.Sum(r => r.Rows);
        var (activation, slope, perUnit) = ActivationOf(family, slopes);
        var layer = Finite(() => new Layer(activation, totalRows, width, weightsOut, biasesOut,
            rank: family == UnitFamily.Max ? rank : 1, slope: slope, carried: carriedCount, slopes: perUnit));
        Count(layer);

        // The new frontier: the units of each node in order, then the carried values.
        width = layer.Units;
        maps.Clear();
        live.Clear();
        var at = 0;
        foreach (var node in nodes)
        {
            var size = graph.SizeOf(node.Name);
            var map = new FrontierMap(width, at, size, Reserve);
            if (node is HardTanhNode { IsUnit: false } clip)
                map.Diagonal(Fill(size, (clip.Max - clip.Min) / 2), Fill(size, (clip.Min + clip.Max) / 2));
            Hold(node.Name, map);
            at += size;
        }
        foreach (var value in carried)
        {
            var size = graph.SizeOf(value);
            Hold(value, new FrontierMap(width, at, size, Reserve));
            at += size;
        }
    }

    private int MaxRank(PiecewiseNode node) => node switch
    {
        MaxoutNode maxout => maxout.Rank,
        MaxPoolNode pool => pool.Windows(graph.ShapeOf(pool.Input)).Max(w => w.Length),
        _ => 1,
    };

    /// <summary>
    /// The rows of each max unit, filled up to <paramref name="rank"/> by repeating the unit's first entry at the end: a
    /// repeated row never changes the max and, after the original, never wins a tie, so the states are the true ones.
    /// </summary>
    private static List<int> MaxRows(PiecewiseNode node, int[] shape, int rank)
    {
        var groups = node switch
        {
            MaxoutNode maxout => Enumerable.Range(0, (int)(Shape.Size(shape) / maxout.Rank))
                .Select(u => Enumerable.Range(u * maxout.Rank, maxout.Rank).ToArray()).ToArray(),
            MaxPoolNode pool => pool.Windows(shape),
            _ => throw new InvalidOperationException(node.Op),
        };
        var rows = new List<int>(groups.Length * rank);
        foreach (var group in groups)
        {
            rows.AddRange(group);
            for (var i = group.Length; i < rank; i++) rows.Add(group[0]);
        }
        return rows;
    }

    private static (Activation Activation, double Slope, double[]? Slopes) ActivationOf(UnitFamily family, List<double> slopes)
    {
        switch (family)
        {
            case UnitFamily.Abs: return (Model.Activation.Abs, 0, null);
            case UnitFamily.HardTanh: return (Model.Activation.HardTanh, 0, null);
            case UnitFamily.Max: return (Model.Activation.Maxout, 0, null);
        }
        if (slopes.All(s => s == 0)) return (Model.Activation.Relu, 0, null);
        var first = slopes[0];
        if (slopes.All(s => s == first) && first is >= 0 and < 1) return (Model.Activation.LeakyRelu, first, null);
        return (Model.Activation.LeakyRelu, 0, slopes.ToArray());
    }

    private (double[] Weights, double[] Biases) Concatenate((double[] Weights, double[] Biases, int Rows)[] blocks)
    {
        var rows = blocks.Sum(b => b.Rows);
        var w = new double[(long)rows * width];
        var b = new double[rows];
        var at = 0;
        foreach (var block in blocks)
        {
            block.Weights.CopyTo(w, (long)at * width);
            block.Biases.CopyTo(b, at);
            at += block.Rows;
        }
        return (w, b);
    }

    private void Hold(string value, FrontierMap map)
    {
        maps[value] = map;
        live.Add(value);
    }

    /// <summary>The value's map to compose onto: its own when this is its last reader, a copy otherwise.</summary>
    private FrontierMap Take(string value)
    {
        var map = maps[value];
        if (--readers[value] > 0) return map.Clone();
        maps.Remove(value);
        live.Remove(value);
        return map;
    }

    private void Release(string value)
    {
        if (--readers[value] > 0) return;
        maps.Remove(value);
        live.Remove(value);
    }

    private static double[] Fill(int n, double value)
    {
        var values = new double[n];
        Array.Fill(values, value);
        return values;
    }

    private string At => current is null ? "" : $" at node '{current.Name}' ({current.Op})";

    /// <summary>The layer, or a refusal when composing the affine maps left the double range.</summary>
    private Layer Finite(Func<Layer> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e) when (e.ParamName is "weights" or "biases")
        {
            var where = current is null ? "output layer" : $"node '{current.Name}' ({current.Op})";
            throw new NetworkFormatException("", $"{where}: composing the affine maps leaves the double range");
        }
    }

    /// <summary>Adds the layer, held to the budgets a chain file is held to.</summary>
    private void Count(Layer layer)
    {
        layers.Add(layer);
        units += layer.Units;
        limits.Check(layers.Count, "layers", () => $"network has {layers.Count:N0} layers{At}");
        limits.Check(layer.Units, "layer-units", () => $"a layer has {layer.Units:N0} units{At}");
        limits.Check(units, "units", () => $"network has {units:N0} units{At}");
        weights += (long)layer.Rows * layer.Columns;
    }

    /// <summary>Refuses a dense map of <paramref name="rows"/> x <paramref name="columns"/> over the weights budget (with the layers so far), before it is allocated.</summary>
    private void Reserve(long rows, long columns)
    {
        var total = weights + rows * columns;
        limits.Check(total, "weights", () => $"network would have {total:N0} weights{At} (the lowered chain holds a convolution as its dense map)");
        if (rows * columns > Array.MaxLength) throw new NetworkFormatException("", $"a {rows:N0} x {columns:N0} map{At} does not fit in one array");
    }
}
