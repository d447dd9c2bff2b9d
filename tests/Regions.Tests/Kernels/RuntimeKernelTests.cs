using Regions.Compiler;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Compiled;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Kernels;

/// <summary>Kernels compiled at run time by the shared emitter give the interpreter's patterns, bit for bit, allocation-free.</summary>
public sealed class RuntimeKernelTests
{
    [Theory]
    [InlineData(2, new[] { 4, 4, 4 }, Activation.Relu, 2)]
    [InlineData(2, new[] { 8, 8, 8 }, Activation.Relu, 2)]
    [InlineData(3, new[] { 16, 16 }, Activation.LeakyRelu, 2)]
    [InlineData(2, new[] { 5, 7 }, Activation.Abs, 2)]
    [InlineData(2, new[] { 3, 3 }, Activation.Maxout, 3)]
    [InlineData(4, new[] { 6 }, Activation.Maxout, 5)]
    [InlineData(2, new[] { 140 }, Activation.Relu, 2)]
    [InlineData(10, new[] { 30, 30 }, Activation.Relu, 2)]
    public void A_compiled_kernel_matches_the_interpreter(int inputs, int[] widths, Activation activation, int rank)
    {
        var network = TestNetworks.Random(3, inputs, widths, activation, rank);
        var evaluator = RuntimeKernelCompiler.Shared.Create(network);
        Assert.NotNull(evaluator);
        Assert.StartsWith("Regions.Kernel.Generated.Runtime", evaluator.GetType().FullName);
        Assert.IsAssignableFrom<IFingerprintEvaluator>(evaluator);
        KernelAgreement.AssertSamePatterns(evaluator, 11);
        var boundary = RuntimeKernelCompiler.Shared.Create(KernelAgreement.OnBoundaries(inputs, widths, activation, rank))!;
        KernelAgreement.AssertSamePatterns(boundary, 12, onBoundaries: true);
    }

    [Fact]
    public void Kernels_are_cached_by_architecture_and_refuse_other_networks()
    {
        var a = TestNetworks.Random(1, 2, [6, 6]);
        var b = TestNetworks.Random(2, 2, [6, 6]);
        Assert.Same(RuntimeKernelCompiler.Shared.For(a)!.Type, RuntimeKernelCompiler.Shared.For(b)!.Type);
        var kernel = RuntimeKernelCompiler.Shared.For(a)!;
        var other = TestNetworks.Random(1, 2, [6, 7]);
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() => Activator.CreateInstance(kernel.Type, other));
        Assert.Contains("this kernel is for 2-6-6 relu", error.InnerException!.Message);
    }

    [Fact]
    public void Networks_without_a_kernel_shape_get_none()
    {
        Assert.Null(RuntimeKernelCompiler.Shared.For(TestNetworks.MixedActivations(1)));
        Assert.Null(RuntimeKernelCompiler.Shared.For(TestNetworks.Random(1, 2, [32, 32, 32])));   // too large to unroll
    }

    [Fact]
    public void Steady_state_evaluation_allocates_nothing()
    {
        var evaluator = RuntimeKernelCompiler.Shared.Create(TestNetworks.Random(4, 2, [8, 8, 8]))!;
        var points = new double[2 * evaluator.BatchCapacity];
        var patterns = new ulong[evaluator.BatchCapacity * evaluator.Network.Layout.Words];
        new Random(1).NextBytes(new byte[8]);
        for (var i = 0; i < points.Length; i++) points[i] = Math.Sin(i);
        var call = 0;
        Assert.Equal(0, Allocations.FewestPerRound(() => evaluator.EvaluatePatterns(points, evaluator.BatchCapacity - call++ % 7, patterns)));
    }
}
