using FsCheck.Fluent;
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
/// Carried rows (a lowered graph's skip connections, passed through as linear units) in every consumer of a layer:
/// residual blocks written by hand as chains, checked against a direct double evaluation of the residual function,
/// across the evaluators, and against the same networks without carried rows for the exact counts.
/// </summary>
public sealed class CarriedRowsTests
{
    /// <summary>y = relu(x + W2 relu(W1 x + b1) + b2), out = W3 y + b3, with the weights of a residual block.</summary>
    internal sealed record Residual(int N, int H, double[] W1, double[] B1, double[] W2, double[] B2, double[] W3, double B3)
    {
        public static Residual Random(ulong seed, int n, int h)
        {
            var random = new DeterministicRandom(seed);
            double[] Gaussian(int count, double scale)
            {
                var values = new double[count];
                for (var i = 0; i < count; i++) values[i] = scale * random.NextGaussian();
                return values;
            }
            return new Residual(n, h, Gaussian(h * n, 1), Gaussian(h, 0.3), Gaussian(n * h, 0.7), Gaussian(n, 0.3), Gaussian(n, 1), 0.1);
        }

        /// <summary>The chain: layer 1 = [W1; I] relu with n carried rows, layer 2 = [W2 | I] relu, layer 3 the linear head.</summary>
        public Network Chain()
        {
            var columns1 = N;
            var w1 = new double[(H + N) * columns1];
            Array.Copy(W1, w1, W1.Length);
            for (var i = 0; i < N; i++) w1[(H + i) * columns1 + i] = 1;
            var b1 = B1.Concat(new double[N]).ToArray();
            var columns2 = H + N;
            var w2 = new double[N * columns2];
            for (var i = 0; i < N; i++)
            {
                for (var j = 0; j < H; j++) w2[i * columns2 + j] = W2[i * H + j];
                w2[i * columns2 + H + i] = 1;
            }
            return new Network(N, [
                new Layer(Activation.Relu, H + N, columns1, w1, b1, carried: N),
                new Layer(Activation.Relu, N, columns2, w2, B2.ToArray()),
                new Layer(Activation.Linear, 1, N, W3.ToArray(), [B3])]);
        }

        /// <summary>The residual function in plain doubles, with its states: h relu bits of the block, then n of y.</summary>
        public (double Output, int[] States) Direct(double[] x)
        {
            var states = new int[H + N];
            var r = new double[H];
            for (var j = 0; j < H; j++)
            {
                var z = B1[j];
                for (var k = 0; k < N; k++) z += W1[j * N + k] * x[k];
                states[j] = z > 0 ? 1 : 0;
                r[j] = Math.Max(z, 0);
            }
            var output = B3;
            for (var i = 0; i < N; i++)
            {
                var z = x[i] + B2[i];
                for (var j = 0; j < H; j++) z += W2[i * H + j] * r[j];
                states[H + i] = z > 0 ? 1 : 0;
                output += W3[i] * Math.Max(z, 0);
            }
            return (output, states);
        }
    }

    private static double[] Point(ref DeterministicRandom random, int n, double scale)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = scale * (2 * random.NextDouble() - 1);
        return x;
    }

    private static int[] States(Network network, ulong[] pattern) =>
        network.Layers.SelectMany((layer, l) => Enumerable.Range(0, layer.IsPiecewise ? layer.ActivationUnits : 0)
            .Select(u => network.Layout.State(pattern, l, u))).ToArray();

    [Fact]
    public void A_residual_chain_computes_the_residual_function_with_no_pattern_bits_for_carried_rows()
    {
        var block = Residual.Random(3, 3, 5);
        var network = block.Chain();
        Assert.Equal(5 + 3, network.Layout.TotalBits);   // h + n units, the carried rows add none
        Assert.Equal(8, network.PiecewiseUnits);
        Assert.Equal(8, network.Layers[0].Units);        // output width: 5 units, then 3 carried rows
        Assert.Equal(5, network.Layers[0].ActivationUnits);
        var interpreter = new Interpreter(network);
        var random = new DeterministicRandom(9);
        for (var p = 0; p < 500; p++)
        {
            var x = Point(ref random, 3, 2);
            var (expected, states) = block.Direct(x);
            Assert.Equal(expected, interpreter.Forward(x)[0], 1e-12);
            Assert.Equal(states, States(network, interpreter.Pattern(x)));
            var maps = RegionMaps.At(network, x);
            Assert.Equal(expected, maps.Outputs[0].At(x), 1e-12);
        }
    }

    /// <summary>The interpreter, the SIMD evaluator, the factory's choice and the decided patterns give the same bits.</summary>
    internal static void AssertEvaluatorsAgree(Network network, ulong seed, double scale = 2)
    {
        var batch = SimdEvaluator.DefaultBatch;
        var words = network.Layout.Words;
        var random = new DeterministicRandom(seed);
        var points = new double[network.Inputs * batch];
        var xs = new double[batch][];
        for (var p = 0; p < batch; p++)
        {
            xs[p] = Point(ref random, network.Inputs, scale);
            for (var i = 0; i < network.Inputs; i++) points[i * batch + p] = xs[p][i];
        }
        var interpreter = new Interpreter(network);
        var decided = new DecidedPatterns(network);
        var factory = EvaluatorFactory.Create(network, long.MaxValue, out var choice);
        var simd = new SimdEvaluator(network);
        var fromSimd = new ulong[words * batch];
        var fromFactory = new ulong[words * batch];
        simd.EvaluatePatterns(points, batch, fromSimd);
        factory.EvaluatePatterns(points, batch, fromFactory);
        var decidedPattern = new ulong[words];
        var agreed = 0;
        for (var p = 0; p < batch; p++)
        {
            var expected = interpreter.Pattern(xs[p]);
            Assert.Equal(expected, fromSimd.AsSpan(p * words, words).ToArray());
            Assert.True(expected.SequenceEqual(fromFactory.AsSpan(p * words, words).ToArray()), $"{choice.Kind} differs at point {p}");
            if (decided.TryEvaluate(xs[p], decidedPattern))
            {
                Assert.Equal(expected, decidedPattern);
                agreed++;
            }
        }
        Assert.True(agreed > batch / 2, $"only {agreed} of {batch} points decided");
    }

    [Fact]
    public void Every_evaluator_gives_the_same_patterns_on_a_residual_chain()
    {
        foreach (var seed in new ulong[] { 1, 2, 3 }) AssertEvaluatorsAgree(Residual.Random(seed, 4, 6).Chain(), seed);
    }

    [Fact]
    public void Kernels_refuse_carried_rows_and_per_unit_slopes_so_the_factory_takes_the_simd_evaluator()
    {
        var network = Residual.Random(1, 2, 3).Chain();
        var widths = network.Layers.Take(2).Select(l => l.Units).ToArray();
        Assert.False(Regions.Kernel.Evaluation.Compiled.KernelArchitecture.Accepts(network, 2, widths, "relu", 1));
        var error = Assert.Throws<ArgumentException>(() => Regions.Kernel.Evaluation.Compiled.KernelArchitecture.Require(network, 2, widths, "relu", 1));
        Assert.Contains("carries 2 rows", error.Message);
        Assert.Null(Regions.Compiler.KernelModels.Of(network, "Residual"));
        var prelu = WithSlopes(TestNetworks.Random(4, 2, [3], Activation.LeakyRelu, slope: 0.1), 0, [0.1, 0.1, 0.1]);
        Assert.False(Regions.Kernel.Evaluation.Compiled.KernelArchitecture.Accepts(prelu, 2, [3], "leaky_relu", 1));
        Assert.Null(Regions.Compiler.KernelModels.Of(prelu, "Prelu"));
        EvaluatorFactory.Create(network, long.MaxValue, out var choice);
        Assert.Equal("generic vectorised evaluator", choice.Kind);
    }

    /// <summary>Layer <paramref name="l"/> (leaky) with per-unit slopes instead of its shared one.</summary>
    internal static Network WithSlopes(Network network, int l, double[] slopes)
    {
        var layers = network.Layers.ToArray();
        var layer = layers[l];
        layers[l] = new Layer(Activation.LeakyRelu, layer.Rows, layer.Columns, layer.Weights.ToArray(), layer.Biases.ToArray(),
            carried: layer.Carried, slopes: slopes);
        return new Network(network.Inputs, layers);
    }

    /// <summary>Layer l with <paramref name="extra"/> carried rows of random weights appended, which layer l + 1 reads with zero weights.</summary>
    internal static Network WithUnreadCarriedRows(Network network, int l, int extra, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var layers = network.Layers.ToArray();
        var layer = layers[l];
        var weights = layer.Weights.ToArray().Concat(Enumerable.Range(0, extra * layer.Columns).Select(_ => random.NextGaussian())).ToArray();
        var biases = layer.Biases.ToArray().Concat(Enumerable.Range(0, extra).Select(_ => random.NextGaussian())).ToArray();
        var slopes = layer.HasUnitSlopes ? Enumerable.Range(0, layer.ActivationUnits).Select(layer.SlopeOf).ToArray() : null;
        layers[l] = new Layer(layer.Activation, layer.Rows + extra, layer.Columns, weights, biases, layer.Rank, layer.Slope, layer.Carried + extra, slopes);
        var next = layers[l + 1];
        var columns = next.Columns + extra;
        var nextWeights = new double[next.Rows * columns];
        for (var r = 0; r < next.Rows; r++) next.Row(r).CopyTo(nextWeights.AsSpan(r * columns));
        layers[l + 1] = new Layer(next.Activation, next.Rows, columns, nextWeights, next.Biases.ToArray(), next.Rank, next.Slope, next.Carried,
            next.HasUnitSlopes ? Enumerable.Range(0, next.ActivationUnits).Select(next.SlopeOf).ToArray() : null);
        return new Network(network.Inputs, layers);
    }

    [Theory]
    [InlineData(Activation.Relu, 2)]
    [InlineData(Activation.Maxout, 2)]
    [InlineData(Activation.HardTanh, 2)]
    [InlineData(Activation.Abs, 1)]
    [InlineData(Activation.LeakyRelu, 3)]
    public void Carried_rows_read_with_zero_weights_change_no_count_and_no_pattern(Activation activation, int inputs)
    {
        var plain = TestNetworks.Random(21, inputs, [4, 3], activation, rank: 2);
        var carried = WithUnreadCarriedRows(plain, 0, 2, 5);
        Assert.Equal(plain.Layout.TotalBits, carried.Layout.TotalBits);
        var box = Box.Cube(inputs, -2, 2);
        Assert.Equal(ExactTestSupport.ExactFingerprints(plain, box), ExactTestSupport.ExactFingerprints(carried, box));
        Assert.Equal(ExactTestSupport.Exact(plain, box, definition: Regions.Grains.Jobs.RegionDefinition.Linear),
            ExactTestSupport.Exact(carried, box, definition: Regions.Grains.Jobs.RegionDefinition.Linear));
        var a = new Interpreter(plain);
        var b = new Interpreter(carried);
        var random = new DeterministicRandom(4);
        for (var p = 0; p < 200; p++)
        {
            var x = Point(ref random, inputs, 2);
            Assert.Equal(a.Pattern(x), b.Pattern(x));
            Assert.Equal(a.Forward(x), b.Forward(x));
        }
        AssertEvaluatorsAgree(carried, 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_exact_methods_agree_on_a_residual_chain_and_find_every_sampled_pattern(int n)
    {
        var network = Residual.Random(11, n, 4).Chain();
        var box = Box.Cube(n, -2, 2);
        var polytope = new BoxEnumerator(network).Enumerate(box, false, default).Regions.Select(r => r.Fingerprint).ToHashSet();
        var sliced = n == 1
            ? new SegmentEnumerator(network, AffineSlice.Identity(1), box).Enumerate(box, false, default)
            : new PlaneEnumerator(network, AffineSlice.Identity(2), box).Enumerate(box, false, default);
        Assert.Equal(polytope, sliced.Regions.Select(r => r.Fingerprint).ToHashSet());
        Assert.Equal(polytope, ExactTestSupport.ExactFingerprints(network, box, cells: 4));
        var sampled = ExactTestSupport.Sampled(network, box, 20_000, 3);
        Assert.Subset(polytope, sampled);
        Assert.True(ExactTestSupport.Sample(network, box, 20_000) <= polytope.Count);
        // The output maps the exact engine reports (carried rows passed on as piece (1, 0)) are the chain's function.
        var interpreter = new Interpreter(network);
        foreach (var region in new BoxEnumerator(network).Enumerate(box, false, default).Regions)
        {
            var x = region.InteriorPoint;
            var expected = interpreter.Forward(x)[0];
            Assert.Equal(expected, region.Outputs[0].At(x), 1e-9);
            Assert.Equal(expected, RegionMaps.At(network, x).Outputs[0].At(x), 1e-9);
        }
    }

    [Fact]
    public void Unit_scaling_rescales_carried_rows_and_keeps_patterns()
    {
        // Weights far from unit size on the block and on the carried rows: scaling takes them out exactly.
        var block = Residual.Random(5, 2, 3);
        var big = block with { W1 = block.W1.Select(w => w * 1e6).ToArray(), B1 = block.B1.Select(b => b * 1e6).ToArray() };
        var network = WithUnreadCarriedRows(big.Chain(), 0, 1, 8);
        var scaling = UnitScaling.Of(network);
        Assert.Equal(network.Layers[0].Carried, scaling.Network.Layers[0].Carried);
        var a = new Interpreter(network);
        var b = new Interpreter(scaling.Network);
        var random = new DeterministicRandom(2);
        for (var p = 0; p < 300; p++)
        {
            var x = Point(ref random, 2, 2);
            Assert.Equal(a.Pattern(x), b.Pattern(x));
            var expected = a.Forward(x)[0];
            Assert.Equal(expected, Math.ScaleB(b.Forward(x)[0], scaling.OutputExponents[0]), Math.Abs(expected) * 1e-9 + 1e-9);
        }
    }

    /// <summary>Every row of layer l (units and carried rows) times 2^e, every column of layer l + 1 times 2^-e: the same function.</summary>
    internal static Network Rescaled(Network network, int l, int e)
    {
        var layers = network.Layers.ToArray();
        Layer With(Layer layer, double[] weights, double[] biases) => new(layer.Activation, layer.Rows, layer.Columns, weights, biases, layer.Rank, layer.Slope,
            layer.Carried, layer.HasUnitSlopes ? Enumerable.Range(0, layer.ActivationUnits).Select(layer.SlopeOf).ToArray() : null);
        layers[l] = With(layers[l], layers[l].Weights.ToArray().Select(w => Math.ScaleB(w, e)).ToArray(), layers[l].Biases.ToArray().Select(b => Math.ScaleB(b, e)).ToArray());
        layers[l + 1] = With(layers[l + 1], layers[l + 1].Weights.ToArray().Select(w => Math.ScaleB(w, -e)).ToArray(), layers[l + 1].Biases.ToArray());
        return new Network(network.Inputs, layers);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(-500)]
    [InlineData(37)]
    public void Exact_counts_with_carried_rows_and_unit_slopes_do_not_depend_on_the_scale_of_the_weights(int exponent)
    {
        // A homogeneous layer (relu with carried rows; a PReLU with slopes of either sign) scaled up by 2^e and its reader down.
        var residual = Residual.Random(13, 2, 4).Chain();
        var prelu = WithUnreadCarriedRows(WithSlopes(TestNetworks.Random(14, 2, [4, 3], Activation.LeakyRelu), 0, [-0.5, 2.5, 0.3, 1.5]), 0, 2, 3);
        var box = Box.Cube(2, -2, 2);
        foreach (var network in new[] { residual, prelu })
        {
            var scaled = Rescaled(network, 0, exponent);
            Assert.Equal(ExactTestSupport.ExactFingerprints(network, box), ExactTestSupport.ExactFingerprints(scaled, box));
            Assert.Equal(ExactTestSupport.Exact(network, box, definition: Regions.Grains.Jobs.RegionDefinition.Linear),
                ExactTestSupport.Exact(scaled, box, definition: Regions.Grains.Jobs.RegionDefinition.Linear));
        }
    }

    [Fact]
    public void Value_bounds_of_carried_rows_are_their_pre_activation_ranges()
    {
        var layer = new Layer(Activation.Relu, 3, 1, [1, 1, -1], [0, 0, 0], carried: 2);
        var (lower, upper) = ValueBounds.Activate(layer, [-2, -3, -1], [1, 4, 5]);
        Assert.Equal([0, -3, -1], lower);
        Assert.Equal([1, 4, 5], upper);
    }

    [Fact]
    public void The_v1_writer_refuses_carried_rows_and_per_unit_slopes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"carried-{Guid.NewGuid():N}.json");
        var error = Assert.Throws<InvalidOperationException>(() => Regions.Kernel.Format.NetworkWriter.Save(Residual.Random(1, 2, 2).Chain(), path));
        Assert.Contains("carries 2 rows", error.Message);
        Assert.False(File.Exists(path) || File.Exists(path + ".tmp"));
        var prelu = WithSlopes(TestNetworks.Random(4, 2, [3], Activation.LeakyRelu), 0, [0.1, -0.5, 2]);
        Assert.Contains("slope per unit", Assert.Throws<InvalidOperationException>(() => Regions.Kernel.Format.NetworkWriter.ToJson(prelu)).Message);
        Assert.Contains("\"slope\"", Regions.Kernel.Format.NetworkWriter.ToJson(TestNetworks.Random(4, 2, [3], Activation.LeakyRelu)));
    }

    [Fact]
    public void Random_residual_chains_agree_with_their_direct_evaluation_in_every_evaluator()
    {
        Fuzzing.Check(
            from seed in Gen.Choose(0, int.MaxValue)
            from n in Gen.Choose(1, 4)
            from h in Gen.Choose(1, 6)
            select (seed, n, h), 40, c =>
            {
                var block = Residual.Random((ulong)c.seed, c.n, c.h);
                var network = block.Chain();
                var interpreter = new Interpreter(network);
                var random = new DeterministicRandom((ulong)c.seed + 1);
                for (var p = 0; p < 50; p++)
                {
                    var x = Point(ref random, c.n, 3);
                    var (expected, states) = block.Direct(x);
                    Assert.Equal(expected, interpreter.Forward(x)[0], 1e-9);
                    Assert.Equal(states, States(network, interpreter.Pattern(x)));
                }
                AssertEvaluatorsAgree(network, (ulong)c.seed, 3);
            });
    }
}
