using System.Text.RegularExpressions;
using System.Xml.Linq;
using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Silo.Figures;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Pictures;

/// <summary>
/// <c>regions figures</c>: every figure is written and parses as SVG; each map panel shows the regions after its layer,
/// as many as <c>count --method exact</c> finds for the construction's first layers on the same plane; the plots hold
/// the catalogue's series; the pictures in docs/figures are what the command writes; bad input is one line, exit 2.
/// </summary>
public sealed partial class FiguresTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-figures-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static LayerMapFigure Map(string name) => (LayerMapFigure)FigureCatalog.All.Single(f => f.Name == name);

    public static TheoryData<string> MapFigures() => [.. FigureCatalog.All.OfType<LayerMapFigure>().Select(f => f.Name)];

    [Fact]
    public void Every_figure_is_written_as_svg_and_named_in_the_index()
    {
        var run = Run("figures", "-o", Path.Combine(directory, "out"));
        Assert.True(run.Code == 0, run.Err);
        var index = File.ReadAllText(Path.Combine(directory, "out", "index.md"));
        foreach (var figure in FigureCatalog.All)
        {
            var path = Path.Combine(directory, "out", figure.File);
            Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);
            Assert.Contains($"[{figure.File}]({figure.File})", index);
            Assert.Contains($"{Path.Combine(directory, "out", figure.File)}: ", run.Out);
        }
        Assert.Equal(FigureCatalog.All.Count + 1, Directory.GetFiles(Path.Combine(directory, "out")).Length);
    }

    [Theory]
    [MemberData(nameof(MapFigures))]
    public void Each_panel_has_the_exact_count_of_the_constructions_first_layers(string name)
    {
        var figure = Map(name);
        var network = figure.Network();
        var box = figure.Box(network);
        var hidden = LayerMapFigure.HiddenLayers(network);
        var path = Path.Combine(directory, figure.File);
        var result = figure.Write(path);
        var panels = SvgPanels.Read(path, LayerMapFigure.PanelWidth);
        Assert.Equal(hidden, panels.Count);
        Assert.Equal(hidden, result.Counts.Count);
        var zeros = string.Join(",", new double[network.Inputs]);
        var (u, v) = (Axis(network.Inputs, 0), Axis(network.Inputs, 1));
        for (var l = 1; l <= hidden; l++)
        {
            // The construction cut after layer l, counted exactly by the CLI on the figure's plane and rectangle.
            var model = Path.Combine(directory, $"{name}-{l}.json");
            File.WriteAllText(model, NetworkWriter.ToJson(new Network(network.Inputs, network.Layers.Take(l).ToArray(), $"{name}-{l}")));
            var count = Run("count", "--model", model, "--method", "exact", "--cells", "4", "--plane", $"{zeros}:{u}:{v}",
                "--box", $"{box.Lower[0]}:{box.Upper[0]},{box.Lower[1]}:{box.Upper[1]}");
            Assert.True(count.Code == 0, count.Err);
            var exact = long.Parse(CountLine().Match(count.Out).Groups[1].Value);
            Assert.Equal(exact, result.Counts[l - 1]);
            // Drawn: one polygon per activation region of the whole network, coloured by the pattern of layers 1..l,
            // so the panel shows as many colours as there are regions after layer l.
            Assert.Equal(exact, panels[l - 1].Select(p => p.Fill).Distinct().Count());
        }
        // The last panel is the construction's own count, the one its theorem gives.
        Assert.Equal(network.Meta!["expectedActivationRegions"]!.ToString(), result.Counts[^1].ToString());
        Assert.All(panels, p => Assert.Equal(result.Counts[^1], p.Count));
    }

    [Fact]
    public void The_plots_hold_the_catalogues_series()
    {
        foreach (var figure in FigureCatalog.All.OfType<BoundsPlotFigure>())
        {
            var path = Path.Combine(directory, figure.File);
            var result = figure.Write(path);
            var series = figure.Series();
            Assert.Equal(series.Count, result.Counts.Single());
            var texts = XDocument.Load(path).Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value.Trim()).ToArray();
            // Every bound with a value is a legend entry (the relu catalogue has 9 at width 4, the maxout one 8).
            Assert.True(series.Count >= 8, $"{figure.Name}: only {series.Count} bounds");
            Assert.All(series, s => Assert.Contains(s.Label, texts));
        }
    }

    // The three the README shows, and montufar.
    [Theory]
    [InlineData("pascanu-2n0")]
    [InlineData("montufar")]
    [InlineData("shi")]
    [InlineData("catalan")]
    public void The_committed_pictures_are_what_the_command_writes(string name)
    {
        var run = Run("figures", "-o", directory, "--only", name);
        Assert.True(run.Code == 0, run.Err);
        // Not the bytes: Skia numbers its clip-path ids per process. The polygons, their fills and vertices, and the titles.
        var committed = Path.Combine(Fixtures.Repository(), "docs", "figures", $"{name}.svg");
        var written = Path.Combine(directory, $"{name}.svg");
        Assert.Equal(SvgPanels.Read(committed, LayerMapFigure.PanelWidth), SvgPanels.Read(written, LayerMapFigure.PanelWidth));
        Assert.Equal(Texts(committed), Texts(written));
    }

    [Fact]
    public void Only_writes_the_figures_named()
    {
        var run = Run("figures", "-o", directory, "--only", "shi,maxout,shi");
        Assert.True(run.Code == 0, run.Err);
        Assert.Equal(["index.md", "maxout.svg", "shi.svg"], Directory.GetFiles(directory).Select(f => Path.GetFileName(f)!).Order().ToArray());
    }

    [Fact]
    public void An_unknown_figure_is_one_line_and_exit_2_before_anything_is_written()
    {
        var run = Run("figures", "-o", Path.Combine(directory, "out"), "--only", "montufar,fig9");
        Assert.Equal(2, run.Code);
        Assert.Equal("regions: --only: unknown figure 'fig9'; valid names: pascanu-2n0, montufar, maxout, shi, catalan, bounds-relu, bounds-maxout", run.Err.Trim());
        Assert.False(Directory.Exists(Path.Combine(directory, "out")));
    }

    [Fact]
    public void A_directory_that_cannot_be_made_is_one_line_and_exit_2()
    {
        var file = Path.Combine(directory, "a-file");
        File.WriteAllText(file, "");
        foreach (var output in new[] { file, Path.Combine(file, "sub"), Path.Combine(directory, "missing", "sub") })
        {
            var run = Run("figures", "-o", output, "--only", "shi");
            Assert.Equal(2, run.Code);
            Assert.Single(run.Err.Trim().Split('\n'));
            Assert.StartsWith("regions: --output: ", run.Err);
        }
    }

    private static string Axis(int n, int axis) => string.Join(",", Enumerable.Range(0, n).Select(i => i == axis ? "1" : "0"));

    private static string[] Texts(string path) =>
        XDocument.Load(path).Descendants(XName.Get("text", "http://www.w3.org/2000/svg")).Select(t => t.Value.Trim()).ToArray();

    [GeneratedRegex(@"regions: (\d+) \(exact")]
    private static partial Regex CountLine();
}
