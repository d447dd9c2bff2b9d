using Regions.Compiler;
using Regions.Generators.Emit;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Compiled;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;
using Regions.Tests.Support;

namespace Regions.Tests.Kernels;

/// <summary>
/// The emitter's kinds are the kernel's kinds: the same tokens, the same pattern layout, and kernels whose patterns
/// are the interpreter's bit for bit, for every kind the emitter writes.
/// </summary>
public sealed class EmittedKindTests
{
    /// <summary>Kinds of <see cref="UnitKinds.All"/> with no emitted form (their networks run on the generic evaluator).</summary>
    private static readonly string[] NotEmitted = [];

    public static TheoryData<string> EmittedTokens() => new(EmittedKinds.Tokens);

    [Fact]
    public void The_emitted_kinds_are_the_kinds_the_kernel_knows()
    {
        var known = UnitKinds.All.Select(k => k.Activation.ToToken()).ToArray();
        Assert.Equal(EmittedKinds.Tokens.Count, EmittedKinds.Tokens.Distinct().Count());
        Assert.All(EmittedKinds.Tokens, token => Assert.Contains(token, known));
        Assert.Equal(NotEmitted, known.Except(EmittedKinds.Tokens));
        Assert.Equal(EmittedKinds.Tokens, KernelModels.Supported);
    }

    [Fact]
    public void Each_emitted_kind_lays_out_a_unit_as_the_pattern_layout_does()
    {
        foreach (var kind in EmittedKinds.All)
        {
            Assert.True(ActivationNames.TryParse(kind.Token, out var activation));
            foreach (var rank in activation == Activation.Maxout ? new[] { 2, 3, 4, 5, 8, 9, 64 } : [1])
            {
                var layer = new Layer(activation, rank, 1, new double[rank], new double[rank], rank);
                Assert.Equal(layer.BitsPerUnit, kind.BitsPerUnit(rank));
                Assert.Equal(layer.Rank, kind.RowsPerUnit(rank));
            }
        }
    }

    /// <summary>Shapes with one and several pattern words, and units that would straddle a word boundary (3-bit maxout).</summary>
    private static readonly (int Inputs, int[] Widths, int Rank)[] Shapes = [(2, [5, 7], 3), (3, [9, 4, 6], 2), (2, [36, 12], 2), (2, [25], 5)];

    [Theory]
    [MemberData(nameof(EmittedTokens))]
    public void Every_emitted_kind_compiles_to_a_kernel_that_matches_the_interpreter(string token)
    {
        Assert.True(ActivationNames.TryParse(token, out var activation));
        foreach (var (inputs, widths, rank) in Shapes)
        {
            var network = TestNetworks.Random(17, inputs, widths, activation, rank);
            var evaluator = RuntimeKernelCompiler.Shared.Create(network);
            Assert.NotNull(evaluator);
            KernelAgreement.AssertSamePatterns(evaluator, 21);
            var boundary = RuntimeKernelCompiler.Shared.Create(KernelAgreement.OnBoundaries(inputs, widths, activation, rank))!;
            KernelAgreement.AssertSamePatterns(boundary, 22, onBoundaries: true);
        }
    }

    [Theory]
    [MemberData(nameof(EmittedTokens))]
    public void The_factory_compiles_a_kernel_for_every_emitted_kind_on_large_jobs(string token)
    {
        Assert.True(ActivationNames.TryParse(token, out var activation));
        var network = TestNetworks.Random(18, 3, [5, 6], activation, 3);
        // As the regions executable does at start: the core itself carries no compiler.
        EvaluatorFactory.RuntimeCompiler = RuntimeKernelCompiler.Shared;
        EvaluatorFactory.Create(network, EvaluatorFactory.RuntimeCompileThreshold, out var choice);
        Assert.StartsWith("kernel compiled at run time", choice.Kind);
    }
}
