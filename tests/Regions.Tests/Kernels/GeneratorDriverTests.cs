extern alias generator;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;
using RegionsKernelGenerator = generator::Regions.Generators.RegionsKernelGenerator;

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
        var network = Kernel.Constructions.NetworkConstructions.Build("pascanu-2n0", new Kernel.Constructions.ConstructionRequest(2, [4, 4]));
        var (output, diagnostics) = Run("""
            [Regions.Kernel.Evaluation.Compiled.RegionsKernel(2, new[] { 4, 4 }, WeightsFile = "pascanu.json")]
            public sealed partial class Pascanu;
            """, new Additional("/nets/pascanu.json", NetworkWriter.ToJson(network)));
        Assert.Empty(diagnostics);
        var generated = output.SyntaxTrees.Last().ToString();
        Assert.Contains("weights compiled in", generated);
        // The first layer of the folding is sparse: each unit reads one input, so half the products are skipped.
        var multiplyAdds = generated.Split("Vector.FusedMultiplyAdd").Length - 1;
        Assert.True(multiplyAdds < 2 * 4 + 4 * 4, $"{multiplyAdds} multiply-adds emitted");
        var evaluator = (IPatternEvaluator)Activator.CreateInstance(Load(output, "Pascanu"), network)!;
        KernelAgreement.AssertSamePatterns(evaluator, 3);
        var other = Kernel.Constructions.NetworkConstructions.Build("random", new Kernel.Constructions.ConstructionRequest(2, [4, 4]));
        var refused = Assert.Throws<System.Reflection.TargetInvocationException>(() => Activator.CreateInstance(Load(output, "Pascanu"), other));
        Assert.Contains("weights of another network", refused.InnerException!.Message);
    }

    [Theory]
    [InlineData("public sealed class NotPartial;", "RGK001", "[RegionsKernel(2, new[] { 4 })]")]
    [InlineData("public sealed partial class K;", "RGK002", "[RegionsKernel(2, new[] { 4 }, Activation = \"hardtanh\")]")]
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
}
