using Regions.Kernel.Model;

namespace Regions.Tests.Fuzz;

/// <summary>
/// Rewrites of a network that keep the function it computes (up to rounding) and so its regions: what an exact
/// count must not notice.
/// </summary>
internal static class Metamorphic
{
    /// <summary>
    /// Unit u of hidden layer l times factor(l, u) > 0 (its rows and biases), the next layer's column u divided by
    /// it. Only positively homogeneous units are rescaled; hardtanh saturates at fixed values and keeps factor 1.
    /// </summary>
    public static Network RescaleUnits(Network network, Func<int, int, double> factor)
    {
        var layers = network.Layers.Select(Copy).ToArray();
        for (var l = 0; l + 1 < layers.Length; l++)
        {
            var (layer, next) = (layers[l], layers[l + 1]);
            if (!layer.IsHomogeneous) continue;
            for (var u = 0; u < layer.Units; u++)
            {
                var c = factor(l, u);
                for (var r = u * layer.Rank; r < (u + 1) * layer.Rank; r++)
                {
                    for (var k = 0; k < layer.Columns; k++) layer.Weights[r * layer.Columns + k] *= c;
                    layer.Biases[r] *= c;
                }
                for (var r = 0; r < next.Rows; r++) next.Weights[r * next.Columns + u] /= c;
            }
        }
        return Build(network.Inputs, layers);
    }

    /// <summary>The units of hidden layer l in the order given (their rows as blocks, the next layer's columns alike).</summary>
    public static Network PermuteUnits(Network network, int l, int[] order)
    {
        var layers = network.Layers.Select(Copy).ToArray();
        var (layer, next) = (layers[l], layers[l + 1]);
        var source = Copy(network.Layers[l]);
        var sourceNext = Copy(network.Layers[l + 1]);
        for (var u = 0; u < order.Length; u++)
        {
            for (var r = 0; r < layer.Rank; r++)
            {
                var (to, from) = (u * layer.Rank + r, order[u] * layer.Rank + r);
                Array.Copy(source.Weights, from * layer.Columns, layer.Weights, to * layer.Columns, layer.Columns);
                layer.Biases[to] = source.Biases[from];
            }
            for (var r = 0; r < next.Rows; r++) next.Weights[r * next.Columns + u] = sourceNext.Weights[r * next.Columns + order[u]];
        }
        return Build(network.Inputs, layers);
    }

    /// <summary>
    /// A unit appended to hidden layer l that is constant on the whole input space (zero row; for maxout, a
    /// piece always ahead), read by the next layer with the given weight and cancelled in its biases, so the
    /// function is unchanged and the new unit's state never changes.
    /// </summary>
    public static Network AddConstantUnit(Network network, int l, double weight)
    {
        var layers = network.Layers.Select(Copy).ToList();
        var (layer, next) = (layers[l], layers[l + 1]);
        var rank = layer.Rank;
        // A negative pre-activation for every kind: relu 0, leaky -0.25 s, abs 0.25, hardtanh -0.25; maxout's first piece wins.
        var biases = rank == 1 ? new[] { -0.25 } : Enumerable.Range(0, rank).Select(r => -0.25 - r).ToArray();
        var value = Apply(layer, biases[0]);
        layers[l] = new Editable(layer.Activation, layer.Rows + rank, layer.Columns,
            [.. layer.Weights, .. new double[rank * layer.Columns]], [.. layer.Biases, .. biases], rank, layer.Slope);
        var weights = new double[next.Rows * (next.Columns + 1)];
        for (var r = 0; r < next.Rows; r++)
        {
            Array.Copy(next.Weights, r * next.Columns, weights, r * (next.Columns + 1), next.Columns);
            weights[r * (next.Columns + 1) + next.Columns] = weight;
        }
        layers[l + 1] = new Editable(next.Activation, next.Rows, next.Columns + 1, weights,
            next.Biases.Select(b => b - weight * value).ToArray(), next.Rank, next.Slope);
        return Build(network.Inputs, layers);
    }

    private static double Apply(Editable layer, double z) => layer.Activation switch
    {
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : layer.Slope * z,
        Activation.Abs => Math.Abs(z),
        Activation.HardTanh => Math.Clamp(z, -1, 1),
        _ => z,
    };

    private sealed record Editable(Activation Activation, int Rows, int Columns, double[] Weights, double[] Biases, int Rank, double Slope)
    {
        public int Units => Rows / Rank;

        public bool IsHomogeneous => FuzzCase.IsHomogeneous(Activation);
    }

    private static Editable Copy(Layer layer) =>
        new(layer.Activation, layer.Rows, layer.Columns, layer.Weights.ToArray(), layer.Biases.ToArray(), layer.Rank, layer.Slope);

    private static Network Build(int inputs, IEnumerable<Editable> layers) =>
        new(inputs, layers.Select(e => new Layer(e.Activation, e.Rows, e.Columns, e.Weights, e.Biases, e.Rank, e.Slope)).ToArray());
}
