using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Tests.Support;

namespace Regions.Tests.Evaluation;

/// <summary>
/// The float-screened generic evaluator gives the double patterns bit for bit: on random points (where the float
/// pass decides almost every point) and on points within an ulp of a unit's breakpoint (which it must leave to double).
/// </summary>
public class FloatScreeningTests
{
    public static TheoryData<string> Networks => ["relu", "leaky", "abs", "hardtanh", "maxout2", "maxout5", "mixed", "wide-relu"];

    internal static Network Build(string name) => name switch
    {
        "relu" => TestNetworks.Random(21, 2, [8, 8, 8]),
        "leaky" => TestNetworks.Random(22, 3, [9, 7], Activation.LeakyRelu, slope: 0.3),
        "abs" => TestNetworks.Random(23, 2, [6, 6, 6], Activation.Abs),
        "hardtanh" => TestNetworks.Random(24, 2, [8, 8], Activation.HardTanh),
        "maxout2" => TestNetworks.Random(25, 2, [5, 5], Activation.Maxout, rank: 2),
        // 3 bits a unit: units straddle the 32-bit halves the float pass assembles words from.
        "maxout5" => TestNetworks.Random(26, 3, [12, 12], Activation.Maxout, rank: 5),
        "wide-relu" => TestNetworks.Random(27, 4, [40, 40, 40]),
        _ => TestNetworks.MixedActivations(28),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Random_points_give_the_double_patterns_and_are_mostly_decided_in_float(string name)
    {
        var network = Build(name);
        var screened = new SimdEvaluator(network);
        Assert.True(screened.Screened);
        var batch = screened.BatchCapacity;
        var random = new DeterministicRandom(31);
        var points = new double[network.Inputs * batch];
        var undecided = 0;
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < points.Length; i++) points[i] = 4 * random.NextDouble() - 2;
            var count = round == 0 ? 37 : batch;
            AssertDoublePatterns(network, screened, points, count);
            undecided += screened.LastUndecided;
        }
        // The bound is a worst case that compounds with depth and width (4-40-40-40 leaves about 4% to double), yet
        // random points are seldom within it of a breakpoint: a broken or infinite bound would leave them all.
        Assert.True(undecided < 40 * batch / 10, $"{undecided} of {40 * batch} points left to double");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Points_within_an_ulp_of_a_breakpoint_give_the_double_patterns(string name)
    {
        var network = Build(name);
        var screened = new SimdEvaluator(network);
        var (points, count) = BoundaryPoints(network, screened.BatchCapacity, 41);
        AssertDoublePatterns(network, screened, points, count);
        // The boundary points are exactly those the float pass must not decide.
        Assert.True(screened.LastUndecided >= count / 4, $"only {screened.LastUndecided} of {count} boundary points left to double");
    }

    /// <summary>
    /// A batch of points within about an ulp of some unit's breakpoint (or a maxout tie): each segment whose ends have
    /// different patterns is bisected down to adjacent doubles of its parameter, and the two points there, with their
    /// neighbours an ulp of the parameter further out, join the batch.
    /// </summary>
    internal static (double[] Points, int Count) BoundaryPoints(Network network, int batch, ulong seed)
    {
        var interpreter = new Interpreter(network);
        var random = new DeterministicRandom(seed);
        var points = new double[network.Inputs * batch];
        var count = 0;
        while (count + 4 <= batch)
        {
            var a = RandomPoint(ref random, network.Inputs);
            var b = RandomPoint(ref random, network.Inputs);
            var start = interpreter.Pattern(a);
            if (start.AsSpan().SequenceEqual(interpreter.Pattern(b))) continue;
            var (low, high) = (0.0, 1.0);
            while (true)
            {
                var middle = low + (high - low) / 2;
                if (middle <= low || middle >= high) break;
                if (interpreter.Pattern(At(a, b, middle)).AsSpan().SequenceEqual(start)) low = middle;
                else high = middle;
            }
            foreach (var t in new[] { Math.BitDecrement(low), low, high, Math.BitIncrement(high) })
            {
                var x = At(a, b, t);
                for (var j = 0; j < x.Length; j++) points[j * batch + count] = x[j];
                count++;
            }
        }
        return (points, count);
    }

    [Fact]
    public void Points_exactly_on_breakpoints_give_the_double_patterns()
    {
        // Integer weights, zero biases, coordinates 0 or +-1: many pre-activations are exactly 0.
        foreach (var activation in new[] { Activation.Relu, Activation.LeakyRelu, Activation.Abs, Activation.HardTanh, Activation.Maxout })
        {
            var network = Kernels.KernelAgreement.OnBoundaries(3, [6, 6], activation);
            var screened = new SimdEvaluator(network);
            var batch = screened.BatchCapacity;
            var random = new DeterministicRandom(51);
            var points = new double[network.Inputs * batch];
            for (var i = 0; i < points.Length; i++) points[i] = random.NextDouble() < 0.5 ? 0 : random.NextDouble() < 0.5 ? 1 : -1;
            AssertDoublePatterns(network, screened, points, batch);
            Assert.True(screened.LastUndecided > 0);
        }
    }

    [Fact]
    public void Batches_too_large_for_floats_run_in_double()
    {
        var network = Build("relu");
        var screened = new SimdEvaluator(network);
        var batch = screened.BatchCapacity;
        var random = new DeterministicRandom(61);
        var points = new double[network.Inputs * batch];
        for (var i = 0; i < points.Length; i++) points[i] = 2 * random.NextDouble() - 1;
        points[5] = 1e200;
        AssertDoublePatterns(network, screened, points, batch);
        Assert.Equal(batch, screened.LastUndecided);
    }

    [Fact]
    public void An_evaluator_whose_batches_are_mostly_undecided_falls_back_to_double_with_the_same_patterns()
    {
        var network = Kernels.KernelAgreement.OnBoundaries(3, [6, 6], Activation.Relu);
        var screened = new SimdEvaluator(network);
        var batch = screened.BatchCapacity;
        var points = new double[network.Inputs * batch];
        for (var i = 0; i < points.Length; i++) points[i] = i % 3 - 1;
        for (var round = 0; round < 20; round++) AssertDoublePatterns(network, screened, points, batch);
        Assert.False(screened.Screened);
    }

    [Fact]
    public void The_double_path_stays_reachable()
    {
        var network = Build("relu");
        Assert.False(new SimdEvaluator(network, precision: EvaluatorPrecision.Double).Screened);
        Assert.True(new SimdEvaluator(network).Screened);
    }

    [Fact]
    public void Evaluation_with_undecided_points_allocates_nothing()
    {
        var network = Kernels.KernelAgreement.OnBoundaries(3, [6, 6], Activation.Relu);
        var screened = new SimdEvaluator(network);
        var batch = screened.BatchCapacity;
        var points = new double[network.Inputs * batch];
        for (var i = 0; i < points.Length; i++) points[i] = i % 3 - 1;
        var patterns = new ulong[batch * network.Layout.Words];
        Assert.Equal(0, Allocations.FewestPerRound(() => screened.EvaluatePatterns(points, batch, patterns)));
        Assert.True(screened.LastUndecided > 0);
    }

    private static double[] RandomPoint(ref DeterministicRandom random, int inputs)
    {
        var x = new double[inputs];
        for (var j = 0; j < inputs; j++) x[j] = 4 * random.NextDouble() - 2;
        return x;
    }

    private static double[] At(double[] a, double[] b, double t)
    {
        var x = new double[a.Length];
        for (var j = 0; j < a.Length; j++) x[j] = a[j] + t * (b[j] - a[j]);
        return x;
    }

    /// <summary>The screened evaluator's patterns against the double evaluator's and the interpreter's, word for word.</summary>
    internal static void AssertDoublePatterns(Network network, IPatternEvaluator screened, double[] points, int count)
    {
        var words = network.Layout.Words;
        var batch = screened.BatchCapacity;
        var expected = new ulong[batch * words];
        var actual = new ulong[batch * words];
        new SimdEvaluator(network, batch, EvaluatorPrecision.Double).EvaluatePatterns(points, count, expected);
        screened.EvaluatePatterns(points, count, actual);
        var interpreter = new Interpreter(network);
        var x = new double[network.Inputs];
        for (var p = 0; p < count; p++)
        {
            for (var j = 0; j < x.Length; j++) x[j] = points[j * batch + p];
            var reference = interpreter.Pattern(x);
            for (var w = 0; w < words; w++)
            {
                Assert.True(reference[w] == expected[p * words + w], $"double evaluator, point {p}, word {w}");
                Assert.True(reference[w] == actual[p * words + w], $"screened, point {p}, word {w}: {actual[p * words + w]:x} != {reference[w]:x}");
            }
        }
    }
}
