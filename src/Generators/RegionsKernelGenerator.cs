using System;
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
    /// Staged so that the IDE re-runs only what changed: the attribute is parsed into an equatable
    /// <see cref="KernelRequest"/> (its location a value in equality); the AdditionalFiles are filtered to the
    /// weight files some request names and read in their own stage; each request is matched with its own file
    /// (so another kernel's file edit leaves it unchanged), then its weights parsed into a
    /// <see cref="KernelResult"/>; then the model and the diagnostics go to two
    /// separate outputs, the first a pure emit (<see cref="KernelEmitter"/>). An unrelated source or additional
    /// file edit re-runs none of it. Every stage has a name in <see cref="TrackingNames"/>.
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
                    static (syntax, cancel) => Parse(syntax, cancel))
                .WithTrackingName(TrackingNames.Requests);

            // The file names the requests ask for: only those AdditionalFiles are read.
            var names = requests
                .Select(static (request, _) => request.WeightsFile)
                .Collect()
                .Select(static (all, _) => new EquatableArray<string>(all.Where(n => n is not null).Select(n => n!).Distinct().OrderBy(n => n, StringComparer.Ordinal)))
                .WithTrackingName(TrackingNames.WeightFileNames);
            var files = context.AdditionalTextsProvider
                .Combine(names)
                .Where(static pair => pair.Right.Any(name => WeightFileText.Matches(pair.Left.Path, name)))
                .Select(static (pair, cancel) => new WeightFileText(pair.Left.Path, pair.Left.GetText(cancel)?.ToString()))
                .WithTrackingName(TrackingNames.WeightFiles);

            // The join: each request with its own file only, so a change to another kernel's file leaves this
            // value unchanged and the parse after it cached.
            var matched = requests
                .Combine(files.Collect())
                .Select(static (pair, _) => (Request: pair.Left, File: Match(pair.Left, pair.Right)))
                .WithTrackingName(TrackingNames.Matched);
            var results = matched
                .Select(static (pair, _) => Resolve(pair.Request, pair.File))
                .WithTrackingName(TrackingNames.Results);
            var models = results
                .Select(static (result, _) => result.Model)
                .Where(static model => model is not null)
                .WithTrackingName(TrackingNames.Models);
            var diagnostics = results
                .Select(static (result, _) => result.Diagnostics)
                .Where(static list => list.Count > 0)
                .WithTrackingName(TrackingNames.Diagnostics);

            context.RegisterSourceOutput(models, static (output, model) => Emit(output, model!));
            context.RegisterSourceOutput(diagnostics, static (output, list) =>
            {
                foreach (var diagnostic in list) output.ReportDiagnostic(diagnostic.ToDiagnostic());
            });
        }

        private static KernelRequest Parse(GeneratorAttributeSyntaxContext syntax, CancellationToken cancel)
        {
            var type = (INamedTypeSymbol)syntax.TargetSymbol;
            var declaration = (ClassDeclarationSyntax)syntax.TargetNode;
            var attribute = syntax.Attributes[0];
            var where = attribute.ApplicationSyntaxReference?.GetSyntax(cancel) ?? declaration;
            var location = LocationInfo.Of(where.GetLocation());
            DiagnosticInfo Problem(DiagnosticDescriptor descriptor, params string[] arguments) => new DiagnosticInfo(descriptor, location, arguments);

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
            if (!EmittedKinds.Tokens.Contains(activation)) diagnostics.Add(Problem(KernelDiagnostics.UnsupportedActivation, activation, string.Join(", ", EmittedKinds.Tokens)));
            if (activation == "maxout" && (rank < 2 || rank > 64)) diagnostics.Add(Problem(KernelDiagnostics.BadShape, $"maxout rank must be in 2..64, got {rank}"));
            if (activation == "leaky_relu" && !(slope >= 0 && slope < 1)) diagnostics.Add(Problem(KernelDiagnostics.BadShape, $"leaky_relu slope must be in [0, 1), got {slope}"));
            if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
                return new KernelRequest(null, null, location, diagnostics);

            var ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            var model = new KernelModel(ns, type.Name, inputs, widths, activation, activation == "maxout" ? rank : 1, slope, null);
            if (!KernelEmitter.FitsUnrolled(model))
                diagnostics.Add(Problem(KernelDiagnostics.TooLarge, KernelEmitter.Describe(model), model.MultiplyAdds.ToString(), KernelEmitter.MaxUnrolledMultiplyAdds.ToString(), type.Name));
            return new KernelRequest(model, weights, location, diagnostics);
        }

        /// <summary>The weight file a request names, or null (also when it names none).</summary>
        private static WeightFileText? Match(KernelRequest request, ImmutableArray<WeightFileText> files) =>
            request.Model is null || request.WeightsFile is not { } name ? null : files.FirstOrDefault(f => WeightFileText.Matches(f.Path, name));

        /// <summary>Parses a request's weight file and bakes the weights in: no output here, only values.</summary>
        private static KernelResult Resolve(KernelRequest request, WeightFileText? file)
        {
            var model = request.Model;
            if (model is null || request.WeightsFile is not { } name) return new KernelResult(model, request.Diagnostics);
            if (file?.Text is null)
                return new KernelResult(null, request.Diagnostics.Append(new DiagnosticInfo(KernelDiagnostics.WeightFileMissing, request.Location, name)));
            var (layers, error) = WeightFile.Read(file.Text, model);
            if (error is not null)
                return new KernelResult(null, request.Diagnostics.Append(new DiagnosticInfo(KernelDiagnostics.WeightFileMismatch, request.Location, name, error)));
            var baked = new KernelModel(model.Namespace, model.ClassName, model.Inputs, model.Widths, model.Activation, model.Rank, model.Slope, layers);
            return new KernelResult(baked, request.Diagnostics);
        }

        /// <summary>The only output of source: a pure function of the model.</summary>
        private static void Emit(SourceProductionContext output, KernelModel model) =>
            output.AddSource($"{(model.Namespace is null ? "" : model.Namespace + ".")}{model.ClassName}.RegionsKernel.g.cs", KernelEmitter.Emit(model));
    }
}
