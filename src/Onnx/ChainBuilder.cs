using Onnx;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;

namespace Regions.Onnx;

/// <summary>
/// Builds the <c>pwl-network/1</c> chain while the graph is walked: affine nodes compose onto the pending map, a
/// nonlinearity closes it into a layer with that activation, and the end closes it into the linear output layer.
/// There is one current value at a time; <see cref="Version"/> changes with it, so a node that reads an older value
/// (a branch, a skip connection) is caught.
/// </summary>
internal sealed class ChainBuilder
{
    private readonly List<Layer> layers = [];
    private readonly ResourceLimits limits;
    private PendingAffine pending;
    private long weights;
    private long units;

    public ChainBuilder(int inputs, ResourceLimits limits)
    {
        Inputs = inputs;
        this.limits = limits;
        pending = new PendingAffine(inputs, Reserve);
    }

    /// <summary>The node being lowered, named when a budget refuses its map.</summary>
    public NodeProto? Current { get; set; }

    public int Inputs { get; }

    public int Version { get; private set; }

    public PendingAffine Pending => pending;

    public IReadOnlyList<Layer> Layers => layers;

    /// <summary>The value after an affine node composed onto the pending map.</summary>
    public ComputedValue Advance(long[] shape) => new(shape, ++Version);

    /// <summary>Checks that <paramref name="value"/> is the current value (not one the chain has moved past).</summary>
    public void Expect(ComputedValue value, NodeProto node, string input)
    {
        if (value.Version != Version)
            throw OnnxRefusal.At(node, $"reads '{input}', which other nodes also read: a branch of the graph; {OnnxRefusal.NeedsGraphFormat}");
    }

    /// <summary>Closes the pending map into a layer of one-row units.</summary>
    public ComputedValue Activate(Activation activation, long[] shape, NodeProto node, double slope = 0)
    {
        var (weights, biases) = pending.ToLayer();
        Add(new Layer(activation, pending.Rows, pending.Columns, Checked(weights, node), Checked(biases, node), slope: slope), shape);
        return new ComputedValue(shape, ++Version);
    }

    /// <summary>Closes the pending map into a maxout layer whose unit u reads rows groups[u * rank .. u * rank + rank - 1].</summary>
    public ComputedValue Maxout(IReadOnlyList<int> rows, int rank, long[] shape, NodeProto node)
    {
        var (weights, biases) = pending.Gather(rows);
        Add(new Layer(Activation.Maxout, rows.Count, pending.Columns, Checked(weights, node), Checked(biases, node), rank: rank), shape);
        return new ComputedValue(shape, ++Version);
    }

    /// <summary>The chain, closed by a linear output layer (the pending map, the identity if nothing followed the last activation).</summary>
    public IReadOnlyList<Layer> Finish(long[] shape)
    {
        var (weights, biases) = pending.ToLayer();
        Count(new Layer(Activation.Linear, pending.Rows, pending.Columns, Checked(weights, null), Checked(biases, null)));
        return layers;
    }

    private void Add(Layer layer, long[] shape)
    {
        Count(layer);
        pending = new PendingAffine(checked((int)Shapes.Size(shape)), Reserve);
    }

    /// <summary>Adds the layer, held to the budgets a JSON network is held to.</summary>
    private void Count(Layer layer)
    {
        layers.Add(layer);
        weights += (long)layer.Rows * layer.Columns;
        units += layer.Units;
        var at = Current is null ? "" : $" at node '{OnnxRefusal.NameOf(Current)}' ({Current.OpType})";
        limits.Check(layers.Count, "layers", () => $"network has {layers.Count:N0} layers{at}");
        limits.Check(layer.Units, "layer-units", () => $"a layer has {layer.Units:N0} units{at}");
        limits.Check(units, "units", () => $"network has {units:N0} units{at}");
    }

    /// <summary>Refuses a dense map of <paramref name="rows"/> x <paramref name="columns"/> over the weights budget (with the layers so far), before it is allocated.</summary>
    private void Reserve(long rows, long columns)
    {
        var total = weights + rows * columns;
        var at = Current is null ? "" : $" at node '{OnnxRefusal.NameOf(Current)}' ({Current.OpType})";
        limits.Check(total, "weights", () => $"network would have {total:N0} weights{at} (a convolution is stored as its dense map in pwl-network/1)");
        if (rows * columns > Array.MaxLength) throw OnnxRefusal.Model($"a {rows:N0} x {columns:N0} map{at} does not fit in one array");
    }

    private static double[] Checked(double[] values, NodeProto? node)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                const string problem = "composing the affine maps leaves the double range";
                throw node is null ? OnnxRefusal.Model($"output layer: {problem}") : OnnxRefusal.At(node, problem);
            }
        }
        return values;
    }
}
