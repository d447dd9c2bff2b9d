using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Kernels;

/// <summary>Checks an evaluator against the interpreter, bit for bit, on every count of a batch.</summary>
internal static class KernelAgreement
{
    public static void AssertSamePatterns(IPatternEvaluator evaluator, ulong seed, bool onBoundaries = false)
    {
        var network = evaluator.Network;
        var interpreter = new Interpreter(network);
        var batch = evaluator.BatchCapacity;
        var words = network.Layout.Words;
        var random = new DeterministicRandom(seed);
        var points = new double[network.Inputs * batch];
        var patterns = new ulong[batch * words];
        var x = new double[network.Inputs];
        for (var count = 0; count <= batch; count++)
        {
            for (var i = 0; i < points.Length; i++)
                points[i] = onBoundaries && random.NextDouble() < 0.5 ? 0 : 2 * random.NextDouble() - 1;
            Array.Fill(patterns, 0xdeadbeefUL);
            var fingerprints = new UInt128[batch];
            if (evaluator is IFingerprintEvaluator withFingerprints)
            {
                withFingerprints.EvaluateFingerprints(points, count, patterns, fingerprints);
                for (var p = 0; p < count; p++)
                    Assert.Equal(Fingerprint.Of(patterns.AsSpan(p * words, words)), fingerprints[p]);
                Array.Fill(patterns, 0xdeadbeefUL);
            }
            evaluator.EvaluatePatterns(points, count, patterns);
            for (var p = 0; p < count; p++)
            {
                for (var j = 0; j < network.Inputs; j++) x[j] = points[j * batch + p];
                var expected = interpreter.Pattern(x);
                for (var w = 0; w < words; w++)
                    Assert.True(expected[w] == patterns[p * words + w], $"count {count}, point {p}, word {w}: {patterns[p * words + w]:x} != {expected[w]:x}");
            }
            // Nothing beyond the requested count is written.
            for (var i = count * words; i < patterns.Length; i++) Assert.Equal(0xdeadbeefUL, patterns[i]);
        }
    }

    /// <summary>A network whose units are exactly zero at many points: integer weights, zero biases, inputs 0 or +-1.</summary>
    public static Network OnBoundaries(int inputs, int[] widths, Activation activation, int rank = 2)
    {
        var random = new DeterministicRandom(5);
        var layers = new List<Layer>();
        var columns = inputs;
        foreach (var width in widths)
        {
            var rows = width * (activation == Activation.Maxout ? rank : 1);
            var weights = Enumerable.Range(0, rows * columns).Select(_ => (double)(random.NextDouble() < 0.5 ? 0 : random.NextDouble() < 0.5 ? 1 : -1)).ToArray();
            layers.Add(new Layer(activation, rows, columns, weights, new double[rows], activation == Activation.Maxout ? rank : 1, activation == Activation.LeakyRelu ? 0.25 : 0));
            columns = width;
        }
        layers.Add(new Layer(Activation.Linear, 1, columns, Enumerable.Repeat(1.0, columns).ToArray(), [0.0]));
        return new Network(inputs, layers);
    }
}
