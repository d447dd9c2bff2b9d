using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Regions.Generators
{
    /// <summary>A diagnostic as a value (no syntax or symbols held), so requests stay equatable and cacheable.</summary>
    internal sealed class DiagnosticInfo : IEquatable<DiagnosticInfo>
    {
        public DiagnosticInfo(DiagnosticDescriptor descriptor, string path, TextSpan span, LinePositionSpan lines, params string[] arguments)
        {
            Descriptor = descriptor;
            Path = path;
            Span = span;
            Lines = lines;
            Arguments = arguments;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public string Path { get; }

        public TextSpan Span { get; }

        public LinePositionSpan Lines { get; }

        public string[] Arguments { get; }

        public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.Create(Path, Span, Lines), Arguments);

        public bool Equals(DiagnosticInfo? other) =>
            other is not null && Descriptor.Id == other.Descriptor.Id && Path == other.Path && Span == other.Span && Arguments.SequenceEqual(other.Arguments);

        public override bool Equals(object? obj) => Equals(obj as DiagnosticInfo);

        public override int GetHashCode() => Descriptor.Id.GetHashCode() ^ Span.GetHashCode();
    }

    /// <summary>What one [RegionsKernel] attribute asks for, parsed from syntax: the equatable input of the emitter stage.</summary>
    internal sealed class KernelRequest : IEquatable<KernelRequest>
    {
        public KernelRequest(Emit.KernelModel? model, string? weightsFile, DiagnosticInfo? weightsFileLocation, IReadOnlyList<DiagnosticInfo> diagnostics)
        {
            Model = model;
            WeightsFile = weightsFile;
            WeightsFileLocation = weightsFileLocation;
            Diagnostics = diagnostics;
        }

        /// <summary>Null when the attribute is unusable (its errors are in <see cref="Diagnostics"/>).</summary>
        public Emit.KernelModel? Model { get; }

        public string? WeightsFile { get; }

        /// <summary>Where to report weight-file problems (a template whose descriptor is replaced).</summary>
        public DiagnosticInfo? WeightsFileLocation { get; }

        public IReadOnlyList<DiagnosticInfo> Diagnostics { get; }

        public bool Equals(KernelRequest? other) =>
            other is not null && Equals(Model, other.Model) && WeightsFile == other.WeightsFile && Diagnostics.SequenceEqual(other.Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as KernelRequest);

        public override int GetHashCode() => (Model?.GetHashCode() ?? 0) ^ (WeightsFile?.GetHashCode() ?? 0);
    }
}
