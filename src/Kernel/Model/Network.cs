using System.Text.Json.Nodes;
using Regions.Kernel.Model.Graph;

namespace Regions.Kernel.Model;

/// <summary>
/// A feed-forward piecewise-linear network, the compute chain every evaluator runs: a <c>pwl-network/1</c> file as it
/// is, or a <c>pwl-network/2</c> graph lowered (<see cref="Source"/> keeps the graph, which is what gets written back).
/// </summary>
public sealed class Network
{
    public Network(int inputs, IReadOnlyList<Layer> layers, string? name = null, JsonObject? meta = null, GraphNetwork? source = null)
    {
        if (inputs < 1) throw new ArgumentException("a network needs at least one input", nameof(inputs));
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer", nameof(layers));
        var width = inputs;
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Columns != width)
                throw new ArgumentException($"layer {i} has {layers[i].Columns} columns, expected {width}", nameof(layers));
            width = layers[i].Units;
        }
        Inputs = inputs;
        Layers = layers.ToArray();
        Name = name;
        Meta = meta;
        Source = source;
        Layout = new PatternLayout(Layers);
    }

    public int Inputs { get; }

    public IReadOnlyList<Layer> Layers { get; }

    public string? Name { get; }

    /// <summary>Free-form metadata, kept and written back unchanged (constructions record their formula here).</summary>
    public JsonObject? Meta { get; }

    /// <summary>The graph this chain was lowered from, or null for a chain read as one; a writer writes the graph.</summary>
    public GraphNetwork? Source { get; }

    public int Outputs => Layers[^1].Units;

    /// <summary>Where each unit's state lives in a packed activation pattern.</summary>
    public PatternLayout Layout { get; }

    /// <summary>Largest layer width (rows), the scratch size an evaluator needs.</summary>
    public int MaxRows => Math.Max(Inputs, Layers.Max(l => l.Rows));

    public long ParameterCount => Layers.Sum(l => l.ParameterCount);

    /// <summary>Units that contribute to the activation pattern (all non-linear units).</summary>
    public int PiecewiseUnits => Layers.Where(l => l.IsPiecewise).Sum(l => l.ActivationUnits);

    /// <summary>Widths of the layers (units after the activation), from the first to the last.</summary>
    public IReadOnlyList<int> Widths => Layers.Select(l => l.Units).ToArray();

    /// <summary>
    /// A packed pattern's unit states, one array per layer (empty for a linear layer; a layer's carried rows are not
    /// units of its activation): the form /evaluate, /regions and the region files show.
    /// </summary>
    public int[][] StatesByLayer(ReadOnlySpan<ulong> pattern)
    {
        var states = new int[Layers.Count][];
        for (var l = 0; l < Layers.Count; l++)
        {
            var layer = Layers[l];
            states[l] = new int[layer.IsPiecewise ? layer.ActivationUnits : 0];
            for (var u = 0; u < states[l].Length; u++) states[l][u] = Layout.State(pattern, l, u);
        }
        return states;
    }

    public Network WithMeta(JsonObject? meta, string? name = null) =>
        new(Inputs, Layers, name ?? Name, meta, Source?.WithMeta(meta, name ?? Name));

    public string Describe()
    {
        var kinds = Layers.Select(l => l.Activation).Distinct().Select(a => a.ToToken());
        // A layer with carried rows reads "units+carried", so its output width is not mistaken for its activation's units.
        return $"{Inputs}-{string.Join("-", Layers.Select(l => l.Carried > 0 ? $"{l.ActivationUnits}+{l.Carried}" : $"{l.Units}"))} ({string.Join("/", kinds)})";
    }
}
