using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Regions.Generators.Emit;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;

namespace Regions.Compiler;

/// <summary>
/// Compiles, in process, the same unrolled kernel the source generator emits, for an architecture known only
/// at run time. Each architecture is compiled once and cached for the life of the process (a kernel is tens
/// of kilobytes, and a process meets few architectures), in one load context of their own. A host registers
/// <see cref="Shared"/> with <see cref="EvaluatorFactory.RuntimeCompiler"/>.
/// </summary>
public sealed class RuntimeKernelCompiler : IKernelCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    public static readonly RuntimeKernelCompiler Shared = new();

    private readonly ConcurrentDictionary<string, Lazy<CompiledKernel>> cache = new();
    private readonly AssemblyLoadContext context = new("Regions.RuntimeKernels");

    private RuntimeKernelCompiler() { }

    /// <summary>The kernel for this network's architecture, or null when the network has no kernel shape (mixed or unsupported activations).</summary>
    public CompiledKernel? For(Network network)
    {
        var model = KernelModels.Of(network, "RuntimeKernel", "Regions.Kernel.Generated.Runtime");
        if (model is null || !KernelEmitter.FitsUnrolled(model)) return null;
        var key = $"{KernelEmitter.Describe(model)} slope {model.Slope:R}";
        return cache.GetOrAdd(key, _ => new Lazy<CompiledKernel>(() => Compile(model))).Value;
    }

    /// <summary>An evaluator from the compiled kernel, or null when none applies.</summary>
    public IPatternEvaluator? Create(Network network, EvaluatorPrecision precision = EvaluatorPrecision.FloatScreened) => For(network)?.Create(network, precision);

    private CompiledKernel Compile(KernelModel model)
    {
        var clock = Stopwatch.StartNew();
        var source = KernelEmitter.Emit(model);
        var compilation = CSharpCompilation.Create(
            $"Regions.RuntimeKernel.{Guid.NewGuid():N}",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5));
            throw new InvalidOperationException($"the run-time kernel for {KernelEmitter.Describe(model)} did not compile: {errors}");
        }
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        var type = assembly.GetType("Regions.Kernel.Generated.Runtime.RuntimeKernel", throwOnError: true)!;
        return new CompiledKernel(type, clock.Elapsed, model.MultiplyAdds);
    }

    private static MetadataReference[] LoadReferences()
    {
        // The framework's own assemblies, as the host resolved them, and this library for the interfaces.
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = trusted.Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll");
        return framework.Append(typeof(Network).Assembly.Location).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
    }
}
