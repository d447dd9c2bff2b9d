using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Regions.Generators.Emit;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Compiled;

/// <summary>
/// Compiles, in process, the same unrolled kernel the source generator emits, for an architecture known only
/// at run time. Each architecture is compiled once and cached for the life of the process (a kernel is tens
/// of kilobytes, and a process meets few architectures), in one load context of their own.
/// </summary>
public static class RuntimeKernelCompiler
{
    private static readonly ConcurrentDictionary<string, Lazy<CompiledKernel>> Cache = new();
    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);
    private static readonly AssemblyLoadContext Context = new("Regions.RuntimeKernels");

    /// <summary>A compiled kernel type and what compiling it cost.</summary>
    public sealed record CompiledKernel(Type Type, TimeSpan CompileTime, long MultiplyAdds);

    /// <summary>The kernel for this network's architecture, or null when the network has no kernel shape (mixed or unsupported activations).</summary>
    public static CompiledKernel? For(Network network)
    {
        var model = KernelArchitecture.ModelOf(network, "RuntimeKernel", "Regions.Kernel.Generated.Runtime");
        if (model is null || !KernelEmitter.FitsUnrolled(model)) return null;
        var key = $"{KernelEmitter.Describe(model)} slope {model.Slope:R}";
        return Cache.GetOrAdd(key, _ => new Lazy<CompiledKernel>(() => Compile(model))).Value;
    }

    /// <summary>An evaluator from the compiled kernel, or null when none applies.</summary>
    public static IPatternEvaluator? Create(Network network) =>
        For(network) is { } kernel ? (IPatternEvaluator)Activator.CreateInstance(kernel.Type, network)! : null;

    private static CompiledKernel Compile(KernelModel model)
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
        var assembly = Context.LoadFromStream(image);
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
