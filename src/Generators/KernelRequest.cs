using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Regions.Generators
{
    /// <summary>A source location as a value (file path, span, line span), all of it in equality, so no diagnostic points at a stale place.</summary>
    internal readonly struct LocationInfo : IEquatable<LocationInfo>
    {
        public LocationInfo(string path, TextSpan span, LinePositionSpan lines)
        {
            Path = path;
            Span = span;
            Lines = lines;
        }

        public string Path { get; }

        public TextSpan Span { get; }

        public LinePositionSpan Lines { get; }

        public static LocationInfo Of(Location location) =>
            new LocationInfo(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);

        public Location ToLocation() => Location.Create(Path, Span, Lines);

        public bool Equals(LocationInfo other) => Path == other.Path && Span == other.Span && Lines == other.Lines;

        public override bool Equals(object? obj) => obj is LocationInfo other && Equals(other);

        public override int GetHashCode() => ((Path?.GetHashCode() ?? 0) * 31 + Span.GetHashCode()) * 31 + Lines.GetHashCode();
    }

    /// <summary>A diagnostic as a value (no syntax or symbols held), so pipeline values stay equatable and cacheable.</summary>
    internal sealed class DiagnosticInfo : IEquatable<DiagnosticInfo>
    {
        public DiagnosticInfo(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments)
        {
            Descriptor = descriptor;
            Location = location;
            Arguments = new EquatableArray<string>(arguments);
        }

        public DiagnosticDescriptor Descriptor { get; }

        public LocationInfo Location { get; }

        public EquatableArray<string> Arguments { get; }

        public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), Arguments.ToArray());

        public bool Equals(DiagnosticInfo? other) =>
            other is not null && Descriptor.Id == other.Descriptor.Id && Location.Equals(other.Location) && Arguments.Equals(other.Arguments);

        public override bool Equals(object? obj) => Equals(obj as DiagnosticInfo);

        public override int GetHashCode() => Descriptor.Id.GetHashCode() * 31 + Location.GetHashCode();
    }

    /// <summary>
    /// What one [RegionsKernel] attribute asks for, parsed from syntax: the model without weights (null when the
    /// attribute is unusable), the weight file it names and where to report problems with it, and the
    /// attribute's own diagnostics. Equatable in every field.
    /// </summary>
    internal sealed class KernelRequest : IEquatable<KernelRequest>
    {
        public KernelRequest(Emit.KernelModel? model, string? weightsFile, LocationInfo location, IEnumerable<DiagnosticInfo> diagnostics)
        {
            Model = model;
            WeightsFile = weightsFile;
            Location = location;
            Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics);
        }

        /// <summary>Null when the attribute is unusable (its errors are in <see cref="Diagnostics"/>).</summary>
        public Emit.KernelModel? Model { get; }

        public string? WeightsFile { get; }

        /// <summary>The attribute: where its diagnostics, and those of its weight file, are reported.</summary>
        public LocationInfo Location { get; }

        public EquatableArray<DiagnosticInfo> Diagnostics { get; }

        public bool Equals(KernelRequest? other) =>
            other is not null && Equals(Model, other.Model) && WeightsFile == other.WeightsFile && Location.Equals(other.Location) &&
            Diagnostics.Equals(other.Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as KernelRequest);

        public override int GetHashCode() => ((Model?.GetHashCode() ?? 0) * 31 + (WeightsFile?.GetHashCode() ?? 0)) * 31 + Location.GetHashCode();
    }

    /// <summary>A weight file among the AdditionalFiles that some request names: its path and text, read in its own stage.</summary>
    internal sealed class WeightFileText : IEquatable<WeightFileText>
    {
        public WeightFileText(string path, string? text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        public string Name => System.IO.Path.GetFileName(Path);

        /// <summary>Null when the file cannot be read.</summary>
        public string? Text { get; }

        /// <summary>Whether a request naming <paramref name="name"/> means this file.</summary>
        public static bool Matches(string path, string name) => System.IO.Path.GetFileName(path) == name || path.EndsWith(name, StringComparison.Ordinal);

        public bool Equals(WeightFileText? other) => other is not null && Path == other.Path && Text == other.Text;

        public override bool Equals(object? obj) => Equals(obj as WeightFileText);

        public override int GetHashCode() => Path.GetHashCode();
    }

    /// <summary>A request matched with its weight file: the model to emit (null when there is nothing to emit) and every diagnostic.</summary>
    internal sealed class KernelResult : IEquatable<KernelResult>
    {
        public KernelResult(Emit.KernelModel? model, IEnumerable<DiagnosticInfo> diagnostics)
        {
            Model = model;
            Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics);
        }

        public Emit.KernelModel? Model { get; }

        public EquatableArray<DiagnosticInfo> Diagnostics { get; }

        public bool Equals(KernelResult? other) => other is not null && Equals(Model, other.Model) && Diagnostics.Equals(other.Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as KernelResult);

        public override int GetHashCode() => (Model?.GetHashCode() ?? 0) * 31 + Diagnostics.GetHashCode();
    }

    /// <summary>The tracking names of the generator's pipeline stages, for tests that check what re-ran.</summary>
    public static class TrackingNames
    {
        public const string Requests = "RegionsKernel.Requests";
        public const string WeightFileNames = "RegionsKernel.WeightFileNames";
        public const string WeightFiles = "RegionsKernel.WeightFiles";
        public const string Matched = "RegionsKernel.Matched";
        public const string Results = "RegionsKernel.Results";
        public const string Models = "RegionsKernel.Models";
        public const string Diagnostics = "RegionsKernel.Diagnostics";
    }
}
