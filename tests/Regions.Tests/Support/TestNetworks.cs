using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Support;

/// <summary>Seeded networks for tests: He-scaled Gaussian weights, small Gaussian biases.</summary>
internal static class TestNetworks
{
    /// <summary>
    /// A 2-4-1 relu net whose output ignores the unit with the line x = 0, the face between cells of a box split
    /// in two along x: the two sides of that line are one linear region that crosses the cells.
    /// </summary>
    public static Network FoldedOnCellFace()
    {
        var hidden = new Layer(Activation.Relu, 4, 2, [1, 0, 0.3, 1, -0.8, 0.5, 0.6, -0.7], [0, 0.1, 0.2, -0.1]);
        return new Network(2, [hidden, new Layer(Activation.Linear, 1, 4, [0, 1, 2, -1.5], [0])]);
    }

    public static Network Random(ulong seed, int inputs, int[] widths, Activation activation = Activation.Relu, int rank = 2, double slope = 0.1, int outputs = 1)
    {
        var random = new DeterministicRandom(seed);
        var layers = new List<Layer>();
        var columns = inputs;
        foreach (var width in widths)
        {
            var k = activation == Activation.Maxout ? rank : 1;
            layers.Add(Dense(ref random, activation, width * k, columns, k, activation == Activation.LeakyRelu ? slope : 0));
            columns = width;
        }
        layers.Add(Dense(ref random, Activation.Linear, outputs, columns, 1, 0));
        return new Network(inputs, layers);
    }

    private static Layer Dense(ref DeterministicRandom random, Activation activation, int rows, int columns, int rank, double slope)
    {
        var scale = Math.Sqrt(2.0 / columns);
        var weights = new double[rows * columns];
        for (var i = 0; i < weights.Length; i++) weights[i] = scale * random.NextGaussian();
        var biases = new double[rows];
        for (var i = 0; i < rows; i++) biases[i] = 0.1 * random.NextGaussian();
        return new Layer(activation, rows, columns, weights, biases, rank, slope);
    }

    public static Network MixedActivations(ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var layers = new List<Layer>
        {
            Dense(ref random, Activation.Relu, 5, 3, 1, 0),
            Dense(ref random, Activation.Maxout, 4 * 3, 5, 3, 0),
            Dense(ref random, Activation.LeakyRelu, 6, 4, 1, 0.2),
            Dense(ref random, Activation.Abs, 3, 6, 1, 0),
            Dense(ref random, Activation.HardTanh, 4, 3, 1, 0),
            Dense(ref random, Activation.Linear, 2, 4, 1, 0),
        };
        return new Network(3, layers);
    }
}
