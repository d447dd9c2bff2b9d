using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Generated;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Kernels;

/// <summary>The kernels the source generator emitted into Regions.Kernel at build time.</summary>
public sealed class GeneratedKernelTests
{
    public static TheoryData<int, int[], Activation, int, string> Shapes() => new()
    {
        { 2, [4, 4, 4], Activation.Relu, 1, nameof(Relu2x4x4x4) },
        { 2, [8, 8, 8], Activation.Relu, 1, nameof(Relu2x8x8x8) },
        { 2, [32, 32, 32], Activation.Relu, 1, nameof(Relu2x32x32x32) },
        { 10, [64, 64, 64, 64], Activation.Relu, 1, nameof(Relu10x64x64x64x64) },
        { 2, [2, 2], Activation.Maxout, 3, nameof(Maxout2x2x2Rank3) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_generated_kernel_matches_the_interpreter_and_is_what_the_factory_picks(int inputs, int[] widths, Activation activation, int rank, string type)
    {
        var network = TestNetworks.Random(21, inputs, widths, activation, rank);
        var evaluator = EvaluatorFactory.Create(network, 0, out var choice);
        Assert.Equal(type, evaluator.GetType().Name);
        Assert.Contains(type, choice.Kind);
        KernelAgreement.AssertSamePatterns(evaluator, 5);
        KernelAgreement.AssertSamePatterns(GeneratedKernels.For(KernelAgreement.OnBoundaries(inputs, widths, activation, rank))!, 6, onBoundaries: true);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Steady_state_evaluation_allocates_nothing(int inputs, int[] widths, Activation activation, int rank, string type)
    {
        var network = TestNetworks.Random(22, inputs, widths, activation, rank);
        var evaluator = GeneratedKernels.For(network)!;
        Assert.Equal(type, evaluator.GetType().Name);
        var batch = evaluator.BatchCapacity;
        var points = new double[inputs * batch];
        for (var i = 0; i < points.Length; i++) points[i] = Math.Sin(i);
        var patterns = new ulong[batch * network.Layout.Words];
        var fingerprints = new UInt128[batch];
        var call = 0;
        // Unrolled kernels write fingerprints too; the ones too large to unroll wrap the generic evaluator.
        Action step = evaluator is IFingerprintEvaluator kernel
            ? () => kernel.EvaluateFingerprints(points, batch - call++ % 7, patterns, fingerprints)
            : () => evaluator.EvaluatePatterns(points, batch - call++ % 7, patterns);
        Assert.Equal(0, Allocations.FewestPerRound(step));
    }

    [Fact]
    public void A_generated_kernel_refuses_another_architecture()
    {
        var error = Assert.Throws<ArgumentException>(() => new Relu2x8x8x8(TestNetworks.Random(1, 2, [8, 8, 7])));
        Assert.Contains("this kernel is for 2-8-8-8 relu", error.Message);
        Assert.Null(GeneratedKernels.For(TestNetworks.Random(1, 2, [8, 8, 7])));
    }

    [Fact]
    public void The_constructions_get_the_generated_maxout_kernel_and_sampling_uses_it()
    {
        var network = Kernel.Constructions.NetworkConstructions.Build("maxout", new Kernel.Constructions.ConstructionRequest(2, [2, 2], 3));
        Assert.IsType<Maxout2x2x2Rank3>(EvaluatorFactory.Create(network));
        var box = Kernel.Geometry.Box.Cube(2, 0, 1);
        var job = new Grains.Jobs.CountJob(network, box, Grains.Jobs.CountMethod.Sample, 400_000, 16, 0, Grains.Jobs.SamplerKind.Random);
        Assert.Equal(36, Grains.Embedded.EmbeddedRunner.Run(job).Regions);
    }
}
