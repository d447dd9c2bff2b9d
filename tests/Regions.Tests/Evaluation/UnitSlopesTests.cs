using FsCheck.Fluent;
using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Tests.Exact;
using Regions.Tests.Fuzz;
using Regions.Tests.Support;

namespace Regions.Tests.Evaluation;

/// <summary>
/// Per-unit leaky slopes (a per-channel PReLU): any finite slope, negative or above 1, in every evaluator, the exact
/// engine, the interval bounds and the unit scaling.
/// </summary>
public sealed class UnitSlopesTests
{
    private static readonly double[] Unusual = [-0.5, 2.5, 0, 1, -3, 0.25, 7];

    private static double[] SlopesFor(int units, int offset) => Enumerable.Range(0, units).Select(u => Unusual[(u + offset) % Unusual.Length]).ToArray();

    /// <summary>A random leaky network whose every hidden layer has per-unit slopes from <see cref="Unusual"/>.</summary>
    private static Network Prelu(ulong seed, int inputs, int[] widths)
    {
        var network = TestNetworks.Random(seed, inputs, widths, Activation.LeakyRelu);
        for (var l = 0; l < widths.Length; l++) network = CarriedRowsTests.WithSlopes(network, l, SlopesFor(widths[l], l + (int)seed));
        return network;
    }

    private static double[] Point(ref DeterministicRandom random, int n, double scale)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = scale * (2 * random.NextDouble() - 1);
        return x;
    }

    /// <summary>The network in plain doubles: z > 0 ? z : slope(u) * z per unit, layer by layer.</summary>
    private static (double[] Output, int[] States) Direct(Network network, double[] x)
    {
        var input = x;
        var states = new List<int>();
        foreach (var layer in network.Layers)
        {
            var next = new double[layer.Units];
            for (var r = 0; r < layer.Rows; r++)
            {
                var z = layer.Biases[r];
                for (var k = 0; k < layer.Columns; k++) z += layer.Weight(r, k) * input[k];
                if (layer.Activation == Activation.LeakyRelu && r < layer.UnitRows)
                {
                    next[r] = z > 0 ? z : layer.SlopeOf(r) * z;
                    states.Add(z > 0 ? 1 : 0);
                }
                else next[layer.ActivationUnits + r - layer.UnitRows] = z;   // linear rows and carried rows
            }
            input = next;
        }
        return (input, states.ToArray());
    }

    [Fact]
    public void Equal_per_unit_slopes_give_the_bits_of_the_shared_slope()
    {
        var shared = TestNetworks.Random(7, 3, [6, 5], Activation.LeakyRelu, slope: 0.1);
        var perUnit = CarriedRowsTests.WithSlopes(CarriedRowsTests.WithSlopes(shared, 0, Enumerable.Repeat(0.1, 6).ToArray()), 1, Enumerable.Repeat(0.1, 5).ToArray());
        Assert.True(perUnit.Layers[0].HasUnitSlopes);
        var a = new Interpreter(shared);
        var b = new Interpreter(perUnit);
        var random = new DeterministicRandom(1);
        for (var p = 0; p < 300; p++)
        {
            var x = Point(ref random, 3, 2);
            Assert.Equal(a.Pattern(x), b.Pattern(x));
            Assert.Equal(a.Forward(x), b.Forward(x));   // bit for bit
        }
        CarriedRowsTests.AssertEvaluatorsAgree(perUnit, 2);
        var box = Box.Cube(3, -1.5, 1.5);
        Assert.Equal(ExactTestSupport.ExactFingerprints(shared, box), ExactTestSupport.ExactFingerprints(perUnit, box));
    }

    [Fact]
    public void Negative_slopes_and_slopes_above_one_give_the_direct_outputs_and_states()
    {
        var network = Prelu(3, 2, [7, 5]);
        var interpreter = new Interpreter(network);
        var random = new DeterministicRandom(5);
        for (var p = 0; p < 500; p++)
        {
            var x = Point(ref random, 2, 2);
            var (expected, states) = Direct(network, x);
            var actual = interpreter.Forward(x);
            Assert.Equal(expected[0], actual[0], Math.Abs(expected[0]) * 1e-12 + 1e-12);
            var pattern = interpreter.Pattern(x);
            Assert.Equal(states, network.Layers.SelectMany((layer, l) => Enumerable.Range(0, layer.IsPiecewise ? layer.ActivationUnits : 0)
                .Select(u => network.Layout.State(pattern, l, u))).ToArray());
            Assert.Equal(expected[0], RegionMaps.At(network, x).Outputs[0].At(x), Math.Abs(expected[0]) * 1e-9 + 1e-9);
        }
        CarriedRowsTests.AssertEvaluatorsAgree(network, 8);
    }

    [Fact]
    public void Value_bounds_hold_for_any_slope_and_are_reached()
    {
        var slopes = new[] { -2.0, -0.5, 0, 0.3, 1, 4 };
        var layer = new Layer(Activation.LeakyRelu, slopes.Length, 1, new double[slopes.Length], new double[slopes.Length], slopes: slopes);
        var random = new DeterministicRandom(3);
        for (var t = 0; t < 200; t++)
        {
            var a = 4 * random.NextDouble() - 2;
            var b = a + 3 * random.NextDouble();
            var lo = Enumerable.Repeat(a, slopes.Length).ToArray();
            var hi = Enumerable.Repeat(b, slopes.Length).ToArray();
            var (lower, upper) = ValueBounds.Activate(layer, lo, hi);
            for (var u = 0; u < slopes.Length; u++)
            {
                // The output over a fine grid of [a, b] (ends and 0 included) stays in the bounds and reaches both.
                var grid = Enumerable.Range(0, 101).Select(i => i == 100 ? b : a + (b - a) * i / 100).Append(a < 0 && b > 0 ? 0 : a)
                    .Select(z => z > 0 ? z : slopes[u] * z).ToArray();
                Assert.All(grid, y => Assert.InRange(y, lower[u], upper[u]));
                Assert.Equal(grid.Min(), lower[u], 12);
                Assert.Equal(grid.Max(), upper[u], 12);
            }
        }
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    public void Exact_counts_with_per_unit_slopes_cover_sampling(int inputs, int seed)
    {
        var network = Prelu((ulong)seed, inputs, [5, 4]);
        var box = Box.Cube(inputs, -2, 2);
        var exact = ExactTestSupport.ExactFingerprints(network, box);
        Assert.Equal(exact, new BoxEnumerator(network).Enumerate(box, false, default).Regions.Select(r => r.Fingerprint).ToHashSet());
        if (inputs == 2)
            Assert.Equal(exact, new PlaneEnumerator(network, AffineSlice.Identity(2), box).Enumerate(box, false, default).Regions.Select(r => r.Fingerprint).ToHashSet());
        Assert.Subset(exact, ExactTestSupport.Sampled(network, box, 20_000, 5));
        foreach (var region in new BoxEnumerator(network).Enumerate(box, false, default).Regions)
        {
            var expected = new Interpreter(network).Forward(region.InteriorPoint)[0];
            Assert.Equal(expected, region.Outputs[0].At(region.InteriorPoint), Math.Abs(expected) * 1e-9 + 1e-9);
        }
    }

    [Fact]
    public void A_unit_of_slope_one_splits_activation_regions_but_no_linear_region()
    {
        // Slope 1 makes the unit the identity on both sides: its states differ, its map does not.
        var plain = TestNetworks.Random(17, 2, [4], Activation.LeakyRelu);
        var linearUnit = CarriedRowsTests.WithSlopes(plain, 0, [1, 0.2, 0.2, 0.2]);
        var removed = new Network(2, [
            new Layer(Activation.LeakyRelu, 3, 2, plain.Layers[0].Weights[2..].ToArray(), plain.Layers[0].Biases[1..].ToArray(), slopes: [0.2, 0.2, 0.2]),
            new Layer(Activation.Linear, 1, 3, plain.Layers[1].Weights[1..].ToArray(), [plain.Layers[1].Biases[0]])]);
        var box = Box.Cube(2, -2, 2);
        var activation = ExactTestSupport.Exact(linearUnit, box);
        var linear = ExactTestSupport.Exact(linearUnit, box, definition: RegionDefinition.Linear);
        Assert.True(activation > linear, $"{activation} activation regions, {linear} linear");
        // The function is the reduced network's plus an affine term (the slope-1 unit read by the head), so both have
        // the same linear regions.
        Assert.Equal(ExactTestSupport.Exact(removed, box, definition: RegionDefinition.Linear), linear);
    }

    [Fact]
    public void Unit_scaling_keeps_per_unit_slopes_and_patterns()
    {
        var network = Prelu(9, 2, [5, 3]);
        var layers = network.Layers.ToArray();
        var l0 = layers[0];
        layers[0] = new Layer(l0.Activation, l0.Rows, l0.Columns, l0.Weights.ToArray().Select(w => w * 1e7).ToArray(), l0.Biases.ToArray().Select(b => b * 1e7).ToArray(),
            slopes: Enumerable.Range(0, l0.ActivationUnits).Select(l0.SlopeOf).ToArray());
        network = new Network(2, layers);
        var scaling = UnitScaling.Of(network);
        for (var u = 0; u < 5; u++) Assert.Equal(network.Layers[0].SlopeOf(u), scaling.Network.Layers[0].SlopeOf(u));
        var a = new Interpreter(network);
        var b = new Interpreter(scaling.Network);
        var random = new DeterministicRandom(2);
        for (var p = 0; p < 300; p++)
        {
            var x = Point(ref random, 2, 2);
            Assert.Equal(a.Pattern(x), b.Pattern(x));
            var expected = a.Forward(x)[0];
            Assert.Equal(expected, Math.ScaleB(b.Forward(x)[0], scaling.OutputExponents[0]), Math.Abs(expected) * 1e-9);
        }
    }

    [Fact]
    public void Random_per_unit_slopes_agree_across_evaluators_and_with_exact_counting()
    {
        Fuzzing.Check(
            from seed in Gen.Choose(0, int.MaxValue)
            from inputs in Gen.Choose(1, 3)
            from width in Gen.Choose(1, 5)
            from slopes in Gen.ArrayOf(Gen.Choose(-40, 40).Select(s => s / 10.0), width)
            select (seed, inputs, width, slopes), 30, c =>
            {
                var network = CarriedRowsTests.WithSlopes(TestNetworks.Random((ulong)c.seed, c.inputs, [c.width, 3], Activation.LeakyRelu), 0, c.slopes);
                CarriedRowsTests.AssertEvaluatorsAgree(network, (ulong)c.seed);
                var box = Box.Cube(c.inputs, -1, 1);
                HashSet<UInt128>? exact = null;
                if (Fuzzing.ExactOrRefused(() => (exact = ExactTestSupport.ExactFingerprints(network, box)).Count) is null) return;
                Assert.Subset(exact!, ExactTestSupport.Sampled(network, box, 3_000, (ulong)c.seed));
            });
    }
}
