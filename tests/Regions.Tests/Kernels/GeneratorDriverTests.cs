using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Regions.Generators;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Kernels;

/// <summary>Runs the source generator on small programs: its diagnostics, and output that compiles and runs bit-identically.</summary>
public sealed class GeneratorDriverTests
{
    private sealed class Additional(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private static readonly MetadataReference[] References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
        .Append(typeof(Network).Assembly.Location)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();

    private static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(string source, params AdditionalText[] files)
    {
        var compilation = CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))], References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        var driver = CSharpGeneratorDriver.Create([new RegionsKernelGenerator().AsSourceGenerator()], files, new CSharpParseOptions(LanguageVersion.Latest));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }

    private static Type Load(Compilation compilation, string typeName)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return System.Reflection.Assembly.Load(image.ToArray()).GetType(typeName, throwOnError: true)!;
    }

    [Fact]
    public void A_partial_class_gets_a_kernel_that_compiles_and_matches_the_interpreter()
    {
        var (output, diagnostics) = Run("""
            namespace Probe;
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(3, new[] { 5, 6 }, Activation = "abs")]
            public sealed partial class Abs3x5x6;
            """);
        Assert.Empty(diagnostics);
        var type = Load(output, "Probe.Abs3x5x6");
        var network = TestNetworks.Random(8, 3, [5, 6], Activation.Abs);
        KernelAgreement.AssertSamePatterns((IPatternEvaluator)Activator.CreateInstance(type, network)!, 1);
    }

    [Fact]
    public void A_weight_file_is_compiled_in_with_its_zero_weights_skipped()
    {
        var network = Theory.Constructions.NetworkConstructions.Build("pascanu-2n0", new Theory.Constructions.ConstructionRequest(2, [4, 4]));
        var (output, diagnostics) = Run("""
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 4, 4 }, WeightsFile = "pascanu.json")]
            public sealed partial class Pascanu;
            """, new Additional("/nets/pascanu.json", NetworkWriter.ToJson(network)));
        Assert.Empty(diagnostics);
        var generated = output.SyntaxTrees.Last().ToString();
        Assert.Contains("weights compiled in", generated);
        // The first layer of the folding is sparse: each unit reads one input, so half the products are skipped.
        // Counted in the Vector<T> double body and in the float pass, which skip the same products.
        var multiplyAdds = generated.Split("Vector.FusedMultiplyAdd(new Vector<double>").Length - 1;
        Assert.True(multiplyAdds < 2 * 4 + 4 * 4, $"{multiplyAdds} multiply-adds emitted");
        Assert.Equal(multiplyAdds, generated.Split("Vector.FusedMultiplyAdd(new Vector<float>").Length - 1);
        var evaluator = (IPatternEvaluator)Activator.CreateInstance(Load(output, "Pascanu"), network)!;
        KernelAgreement.AssertSamePatterns(evaluator, 3);
        var other = Theory.Constructions.NetworkConstructions.Build("random", new Theory.Constructions.ConstructionRequest(2, [4, 4]));
        var refused = Assert.Throws<System.Reflection.TargetInvocationException>(() => Activator.CreateInstance(Load(output, "Pascanu"), other));
        Assert.Contains("weights of another network", refused.InnerException!.Message);
    }

    [Theory]
    [InlineData("public sealed class NotPartial;", "RGK001", "[RegionsKernel(2, new[] { 4 })]")]
    [InlineData("public sealed partial class K;", "RGK002", "[RegionsKernel(2, new[] { 4 }, Activation = \"softplus\")]")]
    [InlineData("public sealed partial class K;", "RGK003", "[RegionsKernel(0, new[] { 4 })]")]
    [InlineData("public sealed partial class K;", "RGK003", "[RegionsKernel(2, new[] { 4 }, Activation = \"maxout\", Rank = 1)]")]
    [InlineData("public sealed partial class K;", "RGK004", "[RegionsKernel(2, new[] { 4 }, WeightsFile = \"missing.json\")]")]
    public void Bad_attributes_are_reported(string declaration, string id, string attribute)
    {
        var (_, diagnostics) = Run($"using Regions.Kernel.Evaluation.Compiled;\n{attribute}\n{declaration}");
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void A_weight_file_of_another_shape_is_reported()
    {
        var network = TestNetworks.Random(1, 2, [4, 5]);
        var (_, diagnostics) = Run("""
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 4, 4 }, WeightsFile = "net.json")]
            public sealed partial class K;
            """, new Additional("net.json", NetworkWriter.ToJson(network)));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("RGK005", diagnostic.Id);
        Assert.Contains("layers[1]", diagnostic.GetMessage());
    }

    [Fact]
    public void Too_large_to_unroll_is_information_and_falls_back_to_the_generic_evaluator()
    {
        var (output, diagnostics) = Run("""
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(10, new[] { 64, 64 })]
            public sealed partial class Big;
            """);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("RGK006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        var network = TestNetworks.Random(2, 10, [64, 64]);
        KernelAgreement.AssertSamePatterns((IPatternEvaluator)Activator.CreateInstance(Load(output, "Big"), network)!, 4);
    }

    private static readonly string[] Stages =
    [
        TrackingNames.Requests, TrackingNames.WeightFileNames, TrackingNames.WeightFiles, TrackingNames.Matched,
        TrackingNames.Results, TrackingNames.Models, TrackingNames.Diagnostics,
    ];

    /// <summary>The reasons of every output of the generator's own stages and of its source outputs in the last run.</summary>
    private static IEnumerable<(string Stage, IncrementalStepRunReason Reason)> Reasons(GeneratorDriver driver)
    {
        var result = Assert.Single(driver.GetRunResult().Results);
        foreach (var stage in Stages)
        {
            if (!result.TrackedSteps.TryGetValue(stage, out var steps)) continue;
            foreach (var step in steps)
            foreach (var output in step.Outputs)
                yield return (stage, output.Reason);
        }
        foreach (var (name, steps) in result.TrackedOutputSteps)
        foreach (var step in steps)
        foreach (var output in step.Outputs)
            yield return (name, output.Reason);
    }

    private static string[] Sources(GeneratorDriver driver) =>
        driver.GetRunResult().GeneratedTrees.Select(t => $"{t.FilePath}\n{t}").ToArray();

    [Fact]
    public void An_unrelated_edit_re_runs_nothing_and_an_edit_of_the_weight_file_re_runs_its_kernel()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText("""
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 4, 4 }, WeightsFile = "net.json")]
            public sealed partial class Baked;
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 3 }, WeightsFile = "other.json")]
            public sealed partial class OtherBaked;
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 3 }, Activation = "maxout", Rank = 3)]
            public sealed partial class Plain;
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(10, new[] { 64, 64 })]
            public sealed partial class Big;
            """, parse)], References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var weights = new Additional("/nets/net.json", NetworkWriter.ToJson(TestNetworks.Random(1, 2, [4, 4])));
        var other = new Additional("/nets/other.json", NetworkWriter.ToJson(TestNetworks.Random(3, 2, [3])));
        var notes = new Additional("/nets/notes.txt", "first");
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new RegionsKernelGenerator().AsSourceGenerator()], [weights, other, notes], parse, null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        var sources = Sources(driver);
        Assert.Equal(4, sources.Length);
        Assert.Contains(Reasons(driver), r => r.Stage == TrackingNames.Diagnostics);  // Big's RGK006

        // An unrelated source file: every stage of the existing kernels is cached, the output the same.
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Unrelated { public const int X = 1; }", parse));
        driver = driver.RunGenerators(compilation);
        Assert.All(Reasons(driver), r => Assert.True(r.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{r.Stage}: {r.Reason}"));
        Assert.NotEmpty(Reasons(driver));
        Assert.Equal(sources, Sources(driver));

        // An unrelated additional file: the same.
        driver = driver.ReplaceAdditionalText(notes, new Additional("/nets/notes.txt", "second"));
        driver = driver.RunGenerators(compilation);
        Assert.All(Reasons(driver), r => Assert.True(r.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{r.Stage}: {r.Reason}"));
        Assert.Equal(sources, Sources(driver));

        // The kernel's own weight file: it is read, parsed and emitted again; the other kernels' models stay.
        driver = driver.ReplaceAdditionalText(weights, new Additional("/nets/net.json", NetworkWriter.ToJson(TestNetworks.Random(2, 2, [4, 4]))));
        driver = driver.RunGenerators(compilation);
        var reasons = Reasons(driver).ToArray();
        string[] modified = [TrackingNames.WeightFiles, TrackingNames.Matched, TrackingNames.Results, TrackingNames.Models];
        foreach (var stage in modified)
            Assert.Single(reasons, r => r.Stage == stage && r.Reason == IncrementalStepRunReason.Modified);
        // The other weighted kernel's file is neither read nor parsed again.
        Assert.All(reasons.Where(r => r.Stage is TrackingNames.Results or TrackingNames.Models && r.Reason != IncrementalStepRunReason.Modified),
            r => Assert.Equal(IncrementalStepRunReason.Cached, r.Reason));
        var edited = Sources(driver);
        Assert.Equal(sources.Length, edited.Length);
        Assert.Single(sources.Except(edited));
    }

    [Fact]
    public void Moving_an_attribute_moves_its_diagnostic()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        const string source = """
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 4 }, WeightsFile = "missing.json")]
            public sealed partial class K;
            """;
        var tree = CSharpSyntaxTree.ParseText(source, parse);
        var compilation = CSharpCompilation.Create("Probe", [tree], References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new RegionsKernelGenerator().AsSourceGenerator()], [], parse, null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        Assert.Equal(0, Assert.Single(driver.GetRunResult().Diagnostics).Location.GetLineSpan().StartLinePosition.Line);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("\n\n" + source, parse)));
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal("RGK004", diagnostic.Id);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
