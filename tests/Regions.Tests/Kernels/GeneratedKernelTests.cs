using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Generated;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Kernels;

/// <summary>The kernels the source generator emitted into Regions.Kernel at build time.</summary>
public sealed class GeneratedKernelTests
{
    /// <summary>The build-time kernels by name; their shapes come from the registry, not from here.</summary>
    public static TheoryData<string> Kernels() => new(GeneratedKernels.All.Select(k => k.Name));

    private static (int Inputs, int[] Widths, Activation Activation, int Rank) Shape(BuildTimeKernel kernel)
    {
        Assert.True(ActivationNames.TryParse(kernel.Activation, out var activation));
        return (kernel.Inputs, kernel.Widths, activation, kernel.Rank);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Each_generated_kernel_matches_the_interpreter_and_is_what_the_factory_picks(string type)
    {
        var kernel = GeneratedKernels.Named(type);
        var (inputs, widths, activation, rank) = Shape(kernel);
        var network = TestNetworks.Random(21, inputs, widths, activation, rank);
        var evaluator = EvaluatorFactory.Create(network, 0, out var choice);
        Assert.Equal(type, evaluator.GetType().Name);
        // The factory names the evaluator that really runs: a shape over the unroll limit wraps the generic one.
        Assert.Equal(kernel.Unrolled, evaluator is IFingerprintEvaluator);
        Assert.Equal(kernel.Unrolled ? $"generated kernel {type}" : "generic vectorised evaluator", choice.Kind.Split(" (")[0]);
        KernelAgreement.AssertSamePatterns(evaluator, 5);
        KernelAgreement.AssertSamePatterns(GeneratedKernels.For(KernelAgreement.OnBoundaries(inputs, widths, activation, rank))!, 6, onBoundaries: true);
    }

    [Fact]
    public void The_registry_reads_the_attributes_and_knows_which_shapes_are_over_the_unroll_limit()
    {
        Assert.Equal(
            ["Relu2x4x4x4 2-4-4-4 relu True", "Relu2x8x8x8 2-8-8-8 relu True", "Relu2x32x32x32 2-32-32-32 relu False",
             "Relu10x64x64x64x64 10-64-64-64-64 relu False", "Maxout2x2x2Rank3 2-2-2 maxout True"],
            GeneratedKernels.All.Select(k => $"{k.Name} {k.Architecture} {k.Activation} {k.Unrolled}"));
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Steady_state_evaluation_allocates_nothing(string type)
    {
        var (inputs, widths, activation, rank) = Shape(GeneratedKernels.Named(type));
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
        var network = Theory.Constructions.NetworkConstructions.Build("maxout", new Theory.Constructions.ConstructionRequest(2, [2, 2], 3));
        Assert.IsType<Maxout2x2x2Rank3>(EvaluatorFactory.Create(network));
        var box = Kernel.Geometry.Box.Cube(2, 0, 1);
        var job = new Grains.Jobs.CountJob(network, box, Grains.Jobs.CountMethod.Sample, 400_000, 16, 0, Grains.Jobs.SamplerKind.Random);
        Assert.Equal(36, Grains.Embedded.EmbeddedRunner.Run(job).Regions);
    }
}
