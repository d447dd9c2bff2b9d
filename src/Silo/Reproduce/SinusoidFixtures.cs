using System.Reflection;
using System.Text.Json;
using Regions.Kernel;
using Regions.Kernel.Geometry;

namespace Regions.Silo.Reproduce;

/// <summary>
/// The committed files of the sinusoidal-boundary experiment (tests/fixtures/sinusoid, made by tools/sinusoid/make.py):
/// the data, the two trained networks and the manifest that says how they were made. They are embedded in this
/// assembly, so <c>regions reproduce sinusoid</c> works from any directory of a fresh clone with no option; a
/// directory given instead (a run of make.py with <c>--out</c>) is read in their place.
/// </summary>
internal sealed class SinusoidFixtures : IDisposable
{
    public const string ResourcePrefix = "sinusoid/";
    public const string ManifestFile = "manifest.json";

    private readonly string? temporary;

    private SinusoidFixtures(string directory, string? temporary, string source)
    {
        Directory = directory;
        this.temporary = temporary;
        Source = source;
        Manifest = ReadManifest(Path.Combine(directory, ManifestFile));
    }

    /// <summary>Where the files are read from: the given directory, or the embedded copies written to a temporary one.</summary>
    public string Directory { get; }

    /// <summary>What the output names as the origin of the files.</summary>
    public string Source { get; }

    public SinusoidManifest Manifest { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>
    /// The fixtures in <paramref name="directory"/>, or the embedded ones. Embedded files are written to a temporary
    /// directory (removed on dispose) so the data and models go through the very readers <c>count</c> and <c>map</c> use.
    /// </summary>
    public static SinusoidFixtures Open(string? directory)
    {
        if (directory is not null)
        {
            if (!System.IO.Directory.Exists(directory)) throw new InvalidRequestException("fixtures", $"{directory} is not a directory");
            if (!File.Exists(Path.Combine(directory, ManifestFile)))
                throw new InvalidRequestException("fixtures", $"{directory} has no {ManifestFile} (the folder tools/sinusoid/make.py writes)");
            return new SinusoidFixtures(directory, null, directory);
        }
        var assembly = typeof(SinusoidFixtures).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToArray();
        if (names.Length == 0) throw new InvalidOperationException("the sinusoid fixtures are not embedded in this build");
        var copy = System.IO.Directory.CreateTempSubdirectory("regions-sinusoid-").FullName;
        try
        {
            foreach (var name in names)
            {
                using var resource = assembly.GetManifestResourceStream(name)!;
                using var file = File.Create(Path.Combine(copy, name[ResourcePrefix.Length..]));
                resource.CopyTo(file);
            }
            return new SinusoidFixtures(copy, copy, "the fixtures embedded in regions (tests/fixtures/sinusoid)");
        }
        catch
        {
            System.IO.Directory.Delete(copy, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        if (temporary is not null && System.IO.Directory.Exists(temporary)) System.IO.Directory.Delete(temporary, recursive: true);
    }

    private static SinusoidManifest ReadManifest(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var data = root.GetProperty("data");
            var box = data.GetProperty("box");
            double[] Side(string name) => box.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var models = root.GetProperty("models").EnumerateArray().Select(m => new SinusoidModel(
                m.GetProperty("file").GetString()!,
                m.GetProperty("description").GetString()!,
                m.GetProperty("hidden").EnumerateArray().Select(w => w.GetInt32()).ToArray(),
                m.GetProperty("misclassified").GetInt32(),
                m.GetProperty("seed").GetInt32())).ToArray();
            return new SinusoidManifest(data.GetProperty("file").GetString()!, data.GetProperty("recipe").GetString()!,
                new Box(Side("lower"), Side("upper")), models);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidRequestException("fixtures", $"{Path.GetFileName(path)} is not a sinusoid manifest: {e.Message}");
        }
    }
}

/// <summary>What the manifest records: the data file, its recipe and box, and the networks kept.</summary>
internal sealed record SinusoidManifest(string DataFile, string Recipe, Box Box, IReadOnlyList<SinusoidModel> Models);

/// <summary>One trained network: its file, its architecture, and what PyTorch counted as misclassified (float32).</summary>
internal sealed record SinusoidModel(string File, string Description, int[] Hidden, int TorchMisclassified, int Seed)
{
    /// <summary>"1x20", "2x10": hidden layers x units, as the paper names the networks.</summary>
    public string Shape => Hidden.All(w => w == Hidden[0]) ? $"{Hidden.Length}x{Hidden[0]}" : string.Join("-", Hidden);
}
