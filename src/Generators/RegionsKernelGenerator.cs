using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Regions.Generators.Emit;

namespace Regions.Generators
{
    /// <summary>
    /// Emits an unrolled evaluator into every partial class marked <c>[RegionsKernel(inputs, widths, ...)]</c>.
    /// Parse (syntax and attribute arguments to an equatable <see cref="KernelRequest"/>, diagnostics as values),
    /// then a pure emit (<see cref="KernelEmitter"/>), so the IDE re-runs only what changed.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RegionsKernelGenerator : IIncrementalGenerator
    {
        public const string AttributeName = "Regions.Kernel.Evaluation.Compiled.RegionsKernelAttribute";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var requests = context.SyntaxProvider.ForAttributeWithMetadataName(
                AttributeName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntax, cancel) => Parse(syntax, cancel));
            var files = context.AdditionalTextsProvider
                .Select(static (file, cancel) => (Name: Path.GetFileName(file.Path), Path: file.Path, Text: file.GetText(cancel)?.ToString()))
                .Collect();
            context.RegisterSourceOutput(requests.Combine(files), static (output, pair) => Execute(output, pair.Left, pair.Right));
        }

        private static KernelRequest Parse(GeneratorAttributeSyntaxContext syntax, CancellationToken cancel)
        {
            var type = (INamedTypeSymbol)syntax.TargetSymbol;
            var declaration = (ClassDeclarationSyntax)syntax.TargetNode;
            var attribute = syntax.Attributes[0];
            var where = attribute.ApplicationSyntaxReference?.GetSyntax(cancel) ?? declaration;
            var location = where.GetLocation();
            DiagnosticInfo Problem(DiagnosticDescriptor descriptor, params string[] arguments) =>
                new DiagnosticInfo(descriptor, location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span, arguments);

            var diagnostics = new List<DiagnosticInfo>();
            if (!declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)))
                diagnostics.Add(Problem(KernelDiagnostics.NotPartial, type.Name));

            var arguments = attribute.ConstructorArguments;
            var inputs = arguments.Length > 0 && arguments[0].Value is int n ? n : 0;
            var widths = arguments.Length > 1 && !arguments[1].IsNull ? arguments[1].Values.Select(v => v.Value is int w ? w : 0).ToArray() : new int[0];
            string activation = "relu";
            int rank = 2;
            double slope = 0;
            string? weights = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Activation": activation = named.Value.Value as string ?? ""; break;
                    case "Rank": rank = named.Value.Value is int k ? k : 0; break;
                    case "Slope": slope = named.Value.Value is double s ? s : double.NaN; break;
                    case "WeightsFile": weights = named.Value.Value as string; break;
                }
            }
            if (inputs < 1) diagnostics.Add(Problem(KernelDiagnostics.BadShape, $"inputs must be at least 1, got {inputs}"));
            if (widths.Length == 0 || widths.Any(w => w < 1)) diagnostics.Add(Problem(KernelDiagnostics.BadShape, "widths must be one or more positive integers"));
            if (!new[] { "relu", "leaky_relu", "abs", "maxout" }.Contains(activation)) diagnostics.Add(Problem(KernelDiagnostics.UnsupportedActivation, activation));
            if (activation == "maxout" && (rank < 2 || rank > 64)) diagnostics.Add(Problem(KernelDiagnostics.BadShape, $"maxout rank must be in 2..64, got {rank}"));
            if (activation == "leaky_relu" && !(slope >= 0 && slope < 1)) diagnostics.Add(Problem(KernelDiagnostics.BadShape, $"leaky_relu slope must be in [0, 1), got {slope}"));
            if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
                return new KernelRequest(null, null, null, diagnostics);

            var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            var model = new KernelModel(ns, type.Name, inputs, widths, activation, activation == "maxout" ? rank : 1, slope, null);
            if (!KernelEmitter.FitsUnrolled(model))
                diagnostics.Add(Problem(KernelDiagnostics.TooLarge, KernelEmitter.Describe(model), model.MultiplyAdds.ToString(), KernelEmitter.MaxUnrolledMultiplyAdds.ToString(), type.Name));
            return new KernelRequest(model, weights, weights is null ? null : Problem(KernelDiagnostics.WeightFileMissing, weights), diagnostics);
        }

        private static void Execute(SourceProductionContext output, KernelRequest request, ImmutableArray<(string Name, string Path, string? Text)> files)
        {
            foreach (var diagnostic in request.Diagnostics) output.ReportDiagnostic(diagnostic.ToDiagnostic());
            var model = request.Model;
            if (model is null) return;
            if (request.WeightsFile is { } name)
            {
                var file = files.FirstOrDefault(f => f.Name == name || f.Path.EndsWith(name));
                var at = request.WeightsFileLocation!;
                if (file.Text is null)
                {
                    output.ReportDiagnostic(at.ToDiagnostic());
                    return;
                }
                var (layers, error) = WeightFile.Read(file.Text, model);
                if (error is not null)
                {
                    output.ReportDiagnostic(new DiagnosticInfo(KernelDiagnostics.WeightFileMismatch, at.Path, at.Span, at.Lines, name, error).ToDiagnostic());
                    return;
                }
                model = new KernelModel(model.Namespace, model.ClassName, model.Inputs, model.Widths, model.Activation, model.Rank, model.Slope, layers);
            }
            output.AddSource($"{(model.Namespace is null ? "" : model.Namespace + ".")}{model.ClassName}.RegionsKernel.g.cs", KernelEmitter.Emit(model));
        }
    }
}
