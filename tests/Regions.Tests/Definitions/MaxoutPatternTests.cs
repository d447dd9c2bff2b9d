using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Definitions;

/// <summary>
/// Patterns (R1) of maxout and max-pool units, whose state on a face is the lowest index among the pieces maximal
/// along the whole face. A single group's tie goes to one of the sides it separates, so new patterns come from two
/// groups whose ties fall on one set the opposite way round: max(a, b) and max(b, a) are both in state 0 on a = b only.
/// </summary>
public sealed class MaxoutPatternTests
{
    /// <summary>A maxout layer of rank 2 from its units' pieces (a, b), each a row of weights then a bias.</summary>
    private static Layer Maxout(int columns, params (double[] A, double[] B)[] units) =>
        new(Activation.Maxout, 2 * units.Length, columns,
            units.SelectMany(u => u.A[..columns].Concat(u.B[..columns])).ToArray(),
            units.SelectMany(u => new[] { u.A[columns], u.B[columns] }).ToArray(), rank: 2);

    private static Layer Sum(int columns) => new(Activation.Linear, 1, columns, Enumerable.Repeat(1.0, columns).ToArray(), [0]);

    /// <summary>The affine function sign * x_axis over n inputs, as weights then a zero bias.</summary>
    private static double[] X(int n, int axis, double sign)
    {
        var row = new double[n + 1];
        row[axis] = sign;
        return row;
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 4)]
    [InlineData(3, 1)]
    [InlineData(3, 8)]
    public void Opposite_groups_on_two_axes_leave_nine_patterns_and_four_regions(int n, int cells)
    {
        // max(x, -x), max(-x, x), max(y, -y), max(-y, y): per axis the pair is (0, 1) where x > 0, (1, 0) where x < 0,
        // and (0, 0) on x = 0 (both tie, both take piece 0). 3 x 3 = 9 patterns, the 4 quadrants full-dimensional;
        // f = 2|x| + 2|y| has one map per quadrant. Further inputs (weight 0) change nothing.
        var network = new Network(n, [
            Maxout(n, (X(n, 0, 1), X(n, 0, -1)), (X(n, 0, -1), X(n, 0, 1)), (X(n, 1, 1), X(n, 1, -1)), (X(n, 1, -1), X(n, 1, 1))),
            Sum(4)]);
        Assert.Equal((9L, 4L, 4L, 4L), DefinitionCounts.All(network, Box.Cube(n, -1, 1), cells));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(2, 4)]
    [InlineData(3, 1)]
    [InlineData(3, 8)]
    public void A_tie_of_the_second_layer_on_the_diagonals_adds_four_patterns_no_region_has(int n, int cells)
    {
        // Layer 1: g1 = max(x, -x) = |x| (state 0 iff x >= 0), g2 = max(y, -y) = |y| (0 iff y >= 0). Layer 2:
        // h1 = max(g1, g2) (0 iff |x| >= |y|), h2 = max(g2, g1) (0 iff |y| >= |x|). Regions: 4 quadrants x 2 sides of
        // |x| = |y|, patterns (s1 s2 h1 h2) = (q 0 1) or (q 1 0): R2 = 8. On the four half-diagonals both h tie: (q 0 0),
        // one new pattern per quadrant q: 0000 (x = y > 0), 1100, 0100, 1000. The half-axes repeat a region's pattern
        // (x = 0 takes s1 = 0, as x > 0 does), the origin repeats 0000: R1 = 12. f = 2 max(|x|, |y|): maps 2x, -2x, 2y,
        // -2y, one per cone |x| > |y| or |y| > |x| on one side, across whose axis the map does not change: R4 = R6 = 4.
        var network = new Network(n, [
            Maxout(n, (X(n, 0, 1), X(n, 0, -1)), (X(n, 1, 1), X(n, 1, -1))),
            Maxout(2, ([1, 0, 0], [0, 1, 0]), ([0, 1, 0], [1, 0, 0])),
            Sum(2)]);
        Assert.Equal((12L, 8L, 4L, 4L), DefinitionCounts.All(network, Box.Cube(n, -1, 1), cells));
    }

    [Fact]
    public void Max_pool_windows_read_from_a_graph_tie_as_maxout_groups_do()
    {
        // x -> (x1, x2, x1) -> max-pool of kernel 2 with one padded position first: windows (x1), (x1, x2), (x2, x1).
        // The first is one entry (its group repeats it: state 0 always); the others are 0 iff x1 >= x2, 0 iff x2 >= x1.
        // Two regions on either side of x1 = x2, and on it both 0: R1 = 3, R2 = 2.
        var network = NetworkReader.Parse("""
            {
              "format": "pwl-network/2",
              "input": { "name": "x", "shape": [3] },
              "nodes": [
                { "name": "copy", "op": "dense", "input": "x", "weights": [[1, 0, 0], [0, 1, 0], [1, 0, 0]], "biases": [0, 0, 0] },
                { "name": "row", "op": "reshape", "input": "copy", "shape": [1, 3] },
                { "name": "pool", "op": "maxpool", "input": "row", "kernel": [2], "pads": [1, 0] },
                { "name": "flat", "op": "reshape", "input": "pool", "shape": [3] },
                { "name": "out", "op": "dense", "input": "flat", "weights": [[1, 1, 1]], "biases": [0] }
              ],
              "output": "out"
            }
            """);
        Assert.Contains(network.Layers, l => l.Activation == Activation.Maxout);
        var box = Box.Cube(3, -1, 1);
        Assert.Equal((3L, 2L), (DefinitionCounts.Count(network, box, RegionDefinition.Patterns), DefinitionCounts.Count(network, box, RegionDefinition.Activation)));
    }

    /// <summary>
    /// Random rank-2 maxout layers with small integer weights and biases in quarters (every row on every region is then
    /// exact in doubles), unit 1 of each layer being unit 0 with its pieces swapped (ties on one hyperplane, the
    /// opposite way round), and a final sum.
    /// </summary>
    private static Network RandomMaxout(ulong seed, int inputs, int[] widths)
    {
        var random = new DeterministicRandom(seed);
        var layers = new List<Layer>();
        var columns = inputs;
        foreach (var width in widths)
        {
            var units = new (double[] A, double[] B)[width];
            for (var u = 0; u < width; u++)
            {
                double[] Piece(ref DeterministicRandom r)
                {
                    var piece = new double[columns + 1];
                    for (var c = 0; c < columns; c++) piece[c] = r.NextInt(5) - 2;
                    piece[columns] = (r.NextInt(5) - 2) / 4.0;
                    return piece;
                }
                units[u] = u == 1 ? (units[0].B, units[0].A) : (Piece(ref random), Piece(ref random));
            }
            layers.Add(Maxout(columns, units));
            columns = width;
        }
        layers.Add(Sum(columns));
        return new Network(inputs, layers);
    }

    /// <summary>
    /// The same function with relu units: max(a, b) = a + relu(b - a), the relu on exactly where b &gt; a, which is where
    /// the maxout group takes piece 1 (on a tie both take the other: state 0, off). Each layer has a relu unit b - a per
    /// group and carries a; the next layer reads max = a + relu(b - a) by the same weights on both halves.
    /// </summary>
    private static Network ReluEquivalent(Network maxout)
    {
        var layers = new List<Layer>();
        var previousUnits = 0;
        foreach (var layer in maxout.Layers)
        {
            var columns = layer.Columns;
            var bias = layer.Biases.ToArray();
            // Read max_j = relu_j + a_j: each weight on column j goes to relu_j and to carried a_j.
            double[] Reading(int row) => previousUnits == 0
                ? Enumerable.Range(0, columns).Select(c => layer.Weight(row, c)).ToArray()
                : Enumerable.Range(0, columns).Select(c => layer.Weight(row, c)).Concat(Enumerable.Range(0, columns).Select(c => layer.Weight(row, c))).ToArray();
            if (layer.Activation == Activation.Linear)
            {
                layers.Add(new Layer(Activation.Linear, layer.Rows, Reading(0).Length, Enumerable.Range(0, layer.Rows).SelectMany(Reading).ToArray(),
                    bias));
                continue;
            }
            var units = layer.ActivationUnits;
            var weights = new List<double>();
            var biases = new List<double>();
            for (var u = 0; u < units; u++)
            {
                weights.AddRange(Reading(2 * u + 1).Zip(Reading(2 * u), (b, a) => b - a));
                biases.Add(bias[2 * u + 1] - bias[2 * u]);
            }
            for (var u = 0; u < units; u++)
            {
                weights.AddRange(Reading(2 * u));
                biases.Add(bias[2 * u]);
            }
            layers.Add(new Layer(Activation.Relu, 2 * units, Reading(0).Length, [.. weights], [.. biases], carried: units));
            previousUnits = units;
        }
        return new Network(maxout.Inputs, layers);
    }

    [Theory]
    [InlineData(1, 2, new[] { 4 })]
    [InlineData(2, 2, new[] { 3, 3 })]
    [InlineData(3, 3, new[] { 4 })]
    [InlineData(4, 3, new[] { 3, 2 })]
    [InlineData(5, 3, new[] { 3, 3 })]
    [InlineData(6, 4, new[] { 3 })]
    public void Maxout_of_rank_two_counts_as_its_relu_form_a_plus_relu_of_b_minus_a(int seed, int inputs, int[] widths)
    {
        var maxout = RandomMaxout((ulong)seed, inputs, widths);
        var relu = ReluEquivalent(maxout);
        var box = Box.Cube(inputs, -1, 1);
        var point = Enumerable.Range(0, inputs).Select(i => 0.3 - 0.17 * i).ToArray();
        Assert.Equal(new Kernel.Evaluation.Interpreter(maxout).Forward(point)[0], new Kernel.Evaluation.Interpreter(relu).Forward(point)[0], 12);
        var counts = DefinitionCounts.All(maxout, box);
        Assert.Equal(counts, DefinitionCounts.All(relu, box));
        Assert.True(counts.Patterns > counts.Activation, $"the swapped unit ties on a hyperplane the opposite way: R1 = {counts.Patterns}, R2 = {counts.Activation}");
    }
}
