using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Tests.Support;

namespace Regions.Tests.Evaluation;

/// <summary>The SIMD evaluator is checked against the interpreter, its specification, bit for bit.</summary>
public class EvaluatorAgreementTests
{
    public static TheoryData<string> Networks => ["relu-2-8-8-8", "relu-10-64-64", "maxout3-3-6-6", "leaky-2-7-5", "mixed"];

    private static Network Build(string name) => name switch
    {
        "relu-2-8-8-8" => TestNetworks.Random(1, 2, [8, 8, 8]),
        "relu-10-64-64" => TestNetworks.Random(2, 10, [64, 64]),
        "maxout3-3-6-6" => TestNetworks.Random(3, 3, [6, 6], Activation.Maxout, rank: 3),
        "leaky-2-7-5" => TestNetworks.Random(4, 2, [7, 5], Activation.LeakyRelu),
        _ => TestNetworks.MixedActivations(5),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Simd_patterns_equal_interpreter_patterns(string name)
    {
        var network = Build(name);
        var random = new DeterministicRandom(11);
        // Every remainder length of the last batch, and full batches.
        foreach (var count in new[] { 1, 3, 4, 5, 17, 127, 128 })
        {
            var points = RandomPoints(ref random, network.Inputs, count, SimdEvaluator.DefaultBatch, scale: 2);
            AssertSame(network, points, count);
        }
    }

    [Fact]
    public void Points_exactly_on_unit_boundaries_agree()
    {
        // Rows through the origin and through integer points: z is exactly 0, -1 or 1 on the grid points.
        var relu = new Layer(Activation.Relu, 3, 2, [1, 0, 0, 1, 1, -1], [0, -1, 0]);
        var tanh = new Layer(Activation.HardTanh, 2, 3, [1, 0, 0, 0, 1, 0], [0, 0]);
        var maxout = new Layer(Activation.Maxout, 4, 2, [1, 0, 1, 0, 0, 1, 0, 1], [0, 0, 0, 0], rank: 2);
        var network = new Network(2, [relu, tanh, maxout, new Layer(Activation.Linear, 1, 2, [1, 1], [0])]);
        var batch = SimdEvaluator.DefaultBatch;
        var points = new double[2 * batch];
        var count = 0;
        for (var i = -2; i <= 2; i++)
        {
            for (var j = -2; j <= 2; j++)
            {
                points[count] = i * 0.5;
                points[batch + count] = j * 0.5;
                count++;
            }
        }
        AssertSame(network, points, count);
    }

    [Fact]
    public void Steady_state_evaluation_allocates_nothing()
    {
        var network = TestNetworks.Random(9, 2, [8, 8, 8]);
        var evaluator = new SimdEvaluator(network);
        var random = new DeterministicRandom(1);
        var points = RandomPoints(ref random, 2, evaluator.BatchCapacity, evaluator.BatchCapacity, 1);
        var patterns = new ulong[evaluator.BatchCapacity * network.Layout.Words];
        Assert.Equal(0, Allocations.FewestPerRound(() => evaluator.EvaluatePatterns(points, evaluator.BatchCapacity, patterns)));
    }

    private static double[] RandomPoints(ref DeterministicRandom random, int inputs, int count, int stride, double scale)
    {
        var points = new double[inputs * stride];
        for (var p = 0; p < count; p++)
        {
            for (var j = 0; j < inputs; j++) points[j * stride + p] = scale * (2 * random.NextDouble() - 1);
        }
        return points;
    }

    private static void AssertSame(Network network, double[] points, int count)
    {
        AssertSame(network, points, count, EvaluatorPrecision.FloatScreened);
        AssertSame(network, points, count, EvaluatorPrecision.Double);
    }

    private static void AssertSame(Network network, double[] points, int count, EvaluatorPrecision precision)
    {
        var simd = new SimdEvaluator(network, precision: precision);
        var interpreter = new Interpreter(network);
        var words = network.Layout.Words;
        var patterns = new ulong[simd.BatchCapacity * words];
        simd.EvaluatePatterns(points, count, patterns);
        var x = new double[network.Inputs];
        for (var p = 0; p < count; p++)
        {
            for (var j = 0; j < x.Length; j++) x[j] = points[j * simd.BatchCapacity + p];
            Assert.Equal(interpreter.Pattern(x), patterns.AsSpan(p * words, words).ToArray());
        }
    }
}
