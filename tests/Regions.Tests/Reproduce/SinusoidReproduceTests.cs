using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Regions.Silo.Reproduce;
using Regions.Tests.Pictures;
using Regions.Tests.Support;

namespace Regions.Tests.Reproduce;

/// <summary>
/// <c>regions reproduce sinusoid</c> against independent computations on the committed files (tests/fixtures/sinusoid):
/// the misclassified points as ONNX Runtime (float32) and PyTorch (the manifest) count them, the exact region counts as
/// <c>regions count</c> gives them and above what sampling sees, the figure's polygons, and the embedded copies.
/// </summary>
public sealed partial class SinusoidReproduceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-sinusoid-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Fixtures(string file) => Path.Combine(Support.Fixtures.Repository(), "tests", "fixtures", "sinusoid", file);

    private sealed record Row(string Network, int Misclassified, int Points, long Activation, long Linear);

    /// <summary>The table's rows, read back from the command's text.</summary>
    private List<Row> Reproduce(params string[] extra)
    {
        var (code, output, error) = CliRun.Run(["reproduce", "sinusoid", "-o", directory, .. extra]);
        Assert.True(code == 0, error);
        return output.Split('\n').Select(l => TableRow().Match(l)).Where(m => m.Success).Select(m => new Row(m.Groups[1].Value,
            int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value),
            long.Parse(m.Groups[4].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[5].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))).ToList();
    }

    private static JsonElement Manifest() => JsonDocument.Parse(File.ReadAllText(Fixtures("manifest.json"))).RootElement;

    private static (float[] X, int Label)[] Data() => File.ReadAllLines(Fixtures("sinusoid.csv")).Skip(1).Where(l => l.Length > 0)
        .Select(l => l.Split(',')).Select(c => (new[] { float.Parse(c[0], CultureInfo.InvariantCulture), float.Parse(c[1], CultureInfo.InvariantCulture) }, int.Parse(c[2])))
        .ToArray();

    [Fact]
    public void Misclassified_points_are_what_onnx_runtime_and_pytorch_count_on_the_committed_files()
    {
        var rows = Reproduce();
        var manifest = Manifest();
        var data = Data();
        Assert.Equal(manifest.GetProperty("models").GetArrayLength(), rows.Count);
        foreach (var (row, model) in rows.Zip(manifest.GetProperty("models").EnumerateArray()))
        {
            Assert.Equal(data.Length, row.Points);
            // ONNX Runtime runs the exported graph in float32, nothing of ours on the way.
            using var session = new InferenceSession(Fixtures(model.GetProperty("file").GetString()!));
            var wrong = 0;
            foreach (var (x, label) in data)
            {
                using var result = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x, [1, 2]))]);
                var logit = result.First().AsEnumerable<float>().Single();
                if ((logit > 0 ? 1 : 0) != label) wrong++;
            }
            Assert.Equal(wrong, row.Misclassified);
            Assert.Equal(model.GetProperty("misclassified").GetInt32(), row.Misclassified);
        }
    }

    [Fact]
    public void Exact_counts_are_regions_counts_and_bound_what_sampling_sees()
    {
        var rows = Reproduce();
        var files = Manifest().GetProperty("models").EnumerateArray().Select(m => Fixtures(m.GetProperty("file").GetString()!)).ToArray();
        foreach (var (row, file) in rows.Zip(files))
        {
            long Count(params string[] args)
            {
                var (code, output, error) = CliRun.Run(["count", "--model", file, "--box", "-1:1", "--json", .. args]);
                Assert.True(code == 0, error);
                return JsonDocument.Parse(output).RootElement.GetProperty("regions").GetInt64();
            }
            Assert.Equal(Count("--method", "exact", "--definition", "activation", "--cells", "4"), row.Activation);
            Assert.Equal(Count("--method", "exact", "--definition", "linear", "--cells", "9"), row.Linear);
            var sampled = Count("--method", "sample", "--points", "400000");
            Assert.True(sampled <= row.Activation, $"{row.Network}: sampling saw {sampled} patterns, exact {row.Activation}");
            Assert.True(sampled >= row.Activation * 9 / 10, $"{row.Network}: sampling saw only {sampled} of {row.Activation}");
            Assert.True(row.Linear <= row.Activation);
        }
    }

    [Fact]
    public void The_counts_of_the_committed_networks_are_pinned()
    {
        // Computed by the command and checked against `regions count` (above); a change here is a change of the
        // committed files or of the exact engine, and must be explained.
        var rows = Reproduce();
        Assert.Equal(PinnedRows, rows.Select(r => (r.Network, r.Misclassified, r.Activation, r.Linear)).ToArray());
    }

    [Fact]
    public void The_shallow_nets_regions_are_one_plus_its_lines_and_their_crossings_in_the_box()
    {
        // One hidden layer draws an arrangement of lines; in general position each line crossing the box adds a region,
        // and each crossing of two lines inside it one more (Zaslavsky, restricted to the box): a count that needs no
        // enumeration at all.
        var row = Reproduce().Single(r => r.Network == "1x20");
        var layer = Regions.Silo.Commands.ModelFiles.Read(Fixtures("shallow_1x20.onnx")).Layers[0];
        double[][] corners = [[-1, -1], [-1, 1], [1, -1], [1, 1]];
        double Z(int unit, double[] x) => layer.Biases[unit] + layer.Weight(unit, 0) * x[0] + layer.Weight(unit, 1) * x[1];
        var lines = Enumerable.Range(0, layer.Rows).Count(u => corners.Min(c => Z(u, c)) < 0 && corners.Max(c => Z(u, c)) > 0);
        var crossings = 0;
        for (var i = 0; i < layer.Rows; i++)
        {
            for (var j = i + 1; j < layer.Rows; j++)
            {
                var (a, b, c, d) = (layer.Weight(i, 0), layer.Weight(i, 1), layer.Weight(j, 0), layer.Weight(j, 1));
                var determinant = a * d - b * c;
                if (determinant == 0) continue;
                var x = (-layer.Biases[i] * d + b * layer.Biases[j]) / determinant;
                var y = (-a * layer.Biases[j] + c * layer.Biases[i]) / determinant;
                if (Math.Abs(x) < 1 && Math.Abs(y) < 1) crossings++;
            }
        }
        Assert.Equal(1 + lines + crossings, row.Activation);
    }

    [Fact]
    public void The_figure_draws_each_networks_exact_regions_with_its_decision_boundary()
    {
        var rows = Reproduce();
        var panels = SvgPanels.Read(Path.Combine(directory, SinusoidFigure.File), SinusoidFigure.PanelWidth);
        Assert.Equal(rows.Count, panels.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // One polygon per activation region (the box is one cell), each in its pattern's colour.
            Assert.Equal(rows[i].Activation, panels[i].Count);
            Assert.Equal(rows[i].Activation, panels[i].Select(p => p.Fill).Distinct().Count());
        }
        Assert.Contains("stroke=\"#C01010\"", File.ReadAllText(Path.Combine(directory, SinusoidFigure.File)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_embedded_fixtures_are_the_committed_files_and_a_directory_gives_the_same_table()
    {
        var assembly = typeof(SinusoidFixtures).Assembly;
        var committed = Directory.GetFiles(Path.GetDirectoryName(Fixtures("manifest.json"))!).Select(Path.GetFileName).Order().ToArray();
        var embedded = assembly.GetManifestResourceNames().Where(n => n.StartsWith(SinusoidFixtures.ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[SinusoidFixtures.ResourcePrefix.Length..]).Order().ToArray();
        Assert.Equal(committed, embedded);
        foreach (var name in embedded)
        {
            using var stream = assembly.GetManifestResourceStream(SinusoidFixtures.ResourcePrefix + name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Fixtures(name)), copy.ToArray());
        }
        Assert.Equal(Reproduce(), Reproduce("--fixtures", Path.GetDirectoryName(Fixtures("manifest.json"))!));
    }

    [Theory]
    [InlineData("--fixtures", "/nonexistent-regions-dir")]
    [InlineData("-o", "/nonexistent-regions-dir")]
    public void A_missing_directory_is_one_line_and_exit_code_2(string option, string value)
    {
        var (code, output, error) = CliRun.Run(option == "-o" ? ["reproduce", "sinusoid", "-o", value] : ["reproduce", "sinusoid", "-o", directory, option, value]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void An_unknown_experiment_points_at_the_verbs_help()
    {
        var (code, _, error) = CliRun.Run("reproduce", "nonesuch");
        Assert.Equal(2, code);
        Assert.EndsWith("Try 'regions reproduce --help'.", error.TrimEnd());
    }

    private static readonly (string, int, long, long)[] PinnedRows = [("1x20", 48, 43, 43), ("2x10", 5, 87, 87)];

    // network  architecture  units  parameters  "M of N"  paper  activation  linear
    [GeneratedRegex(@"^(\dx\d+)\s+\S+ \S+\s+\d+\s+[\d,]+\s+(\d+) of (\d+)\s+[\d,-]+\s+([\d,]+)\s+([\d,]+)\s*$")]
    private static partial Regex TableRow();
}
