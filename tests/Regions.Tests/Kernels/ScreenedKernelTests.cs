using Regions.Compiler;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Generated;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Tests.Evaluation;
using Regions.Tests.Support;

namespace Regions.Tests.Kernels;

/// <summary>
/// The float pass of the emitted kernels (build-time and run-time) gives the double patterns and fingerprints bit for
/// bit: on random points, which it mostly decides itself, and on points within an ulp of a breakpoint, which it must
/// leave to the double body. The double path stays reachable and agrees too.
/// </summary>
public sealed class ScreenedKernelTests
{
    public static TheoryData<string> Networks => ["relu", "leaky", "abs", "hardtanh", "maxout2", "maxout5"];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Run_time_kernels_give_the_double_patterns_near_and_away_from_breakpoints(string name)
    {
        var network = FloatScreeningTests.Build(name);
        var screened = RuntimeKernelCompiler.Shared.Create(network)!;
        AssertScreened(network, screened);
        KernelAgreement.AssertSamePatterns(RuntimeKernelCompiler.Shared.Create(network, EvaluatorPrecision.Double)!, 13);
    }

    [Fact]
    public void Build_time_kernels_give_the_double_patterns_near_and_away_from_breakpoints()
    {
        foreach (var kernel in GeneratedKernels.All.Where(k => k.Unrolled))
        {
            Assert.True(ActivationNames.TryParse(kernel.Activation, out var activation));
            var network = TestNetworks.Random(71, kernel.Inputs, kernel.Widths, activation, kernel.Rank);
            AssertScreened(network, GeneratedKernels.For(network)!);
            KernelAgreement.AssertSamePatterns(GeneratedKernels.For(network, EvaluatorPrecision.Double)!, 14);
        }
    }

    private static void AssertScreened(Network network, IPatternEvaluator screened)
    {
        var batch = screened.BatchCapacity;
        var (points, count) = FloatScreeningTests.BoundaryPoints(network, batch, 81);
        FloatScreeningTests.AssertDoublePatterns(network, screened, points, count);
        AssertFingerprints(network, screened, points, count);
        Assert.True(LastUndecided(screened) >= count / 4, $"only {LastUndecided(screened)} of {count} boundary points left to double");
        var random = new DeterministicRandom(91);
        var undecided = 0;
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < points.Length; i++) points[i] = 4 * random.NextDouble() - 2;
            FloatScreeningTests.AssertDoublePatterns(network, screened, points, round == 0 ? 29 : batch);
            undecided += LastUndecided(screened);
            AssertFingerprints(network, screened, points, batch);
        }
        Assert.True(undecided < 20 * batch / 10, $"{undecided} of {20 * batch} random points left to double");
    }

    private static void AssertFingerprints(Network network, IPatternEvaluator evaluator, double[] points, int count)
    {
        var words = network.Layout.Words;
        var patterns = new ulong[evaluator.BatchCapacity * words];
        var fingerprints = new UInt128[evaluator.BatchCapacity];
        ((IFingerprintEvaluator)evaluator).EvaluateFingerprints(points, count, patterns, fingerprints);
        var interpreter = new Interpreter(network);
        var x = new double[network.Inputs];
        for (var p = 0; p < count; p++)
        {
            for (var j = 0; j < x.Length; j++) x[j] = points[j * evaluator.BatchCapacity + p];
            Assert.Equal(Fingerprint.Of(interpreter.Pattern(x)), fingerprints[p]);
        }
    }

    private static int LastUndecided(IPatternEvaluator kernel) => (int)kernel.GetType().GetProperty("LastUndecided")!.GetValue(kernel)!;
}
