using System.Text.RegularExpressions;
using Regions.Drawing;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;
using ScottPlot.Plottables;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Pictures;

/// <summary>
/// <c>regions plot-segment</c>: the boundaries drawn are the exact count's, the curve passes through the network's own
/// outputs at every boundary, and bad input is one line with exit 2.
/// </summary>
public sealed partial class PlotSegmentTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-plotseg-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly Network Deep = TestNetworks.Random(11, 3, [8, 8], outputs: 2);

    private const string Segment = "0.1,-0.2,0.3:1,0.5,-0.25:-2:2";

    private string Model()
    {
        var path = Path.Combine(directory, "net.json");
        File.WriteAllText(path, NetworkWriter.ToJson(Deep));
        return path;
    }

    [Fact]
    public void One_boundary_is_drawn_between_each_pair_of_exact_regions()
    {
        var model = Model();
        var exact = long.Parse(CountLine().Match(Run("count", "--model", model, "--method", "exact", "--segment", Segment).Out).Groups[1].Value);
        var (slice, range) = AffineSlice.ParseSegment(Segment, Deep.Inputs);
        var curves = SegmentPlot.Curves(Deep, slice, range, [0, 1], 1_000_000)!;
        var plot = SegmentPlot.Build("t", curves);
        Assert.True(exact > 2);
        Assert.Equal(exact, curves.Regions);
        Assert.Equal(exact - 1, plot.GetPlottables().OfType<VerticalLine>().Count());
        Assert.Equal(curves.Breakpoints, plot.GetPlottables().OfType<VerticalLine>().Select(l => l.X));

        // The command says the same numbers, and its SVG has one line per boundary drawn.
        var svg = Path.Combine(directory, "seg.svg");
        var (code, stdout, _) = Run("plot-segment", "--model", model, "--segment", Segment, "--output", "all", "-o", svg);
        Assert.Equal(0, code);
        Assert.Contains($"{exact} activation regions (exact), {exact - 1} breakpoints", stdout);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Load(svg).Root!.Name.LocalName);
    }

    [Fact]
    public void The_curve_is_the_network_at_every_boundary_and_between()
    {
        var (slice, range) = AffineSlice.ParseSegment(Segment, Deep.Inputs);
        var curves = SegmentPlot.Curves(Deep, slice, range, [0, 1], 1_000_000)!;
        var interpreter = new Interpreter(Deep);
        double[] At(double t) => slice.Origin.Select((o, j) => o + t * slice.Directions[0][j]).ToArray();
        var plotted = SegmentPlot.Build("t", curves).GetPlottables().OfType<Scatter>().ToArray();
        Assert.Equal(2, plotted.Length);
        foreach (var ((output, t, y), line) in curves.Curves.Zip(plotted))
        {
            var points = line.Data.GetScatterPoints();
            Assert.Equal(t, points.Select(p => p.X));
            Assert.Equal(y, points.Select(p => p.Y));
            // Vertices: both ends and every boundary, each the network's value there.
            Assert.Equal(curves.Breakpoints, t.Skip(1).Take(t.Length - 2));
            for (var i = 0; i < t.Length; i++)
                Assert.Equal(interpreter.Forward(At(t[i]))[output], y[i], 1e-9);
            // Between vertices the straight piece is exact: the network is affine there.
            for (var i = 0; i + 1 < t.Length; i++)
            {
                var mid = (t[i] + t[i + 1]) / 2;
                Assert.Equal(interpreter.Forward(At(mid))[output], (y[i] + y[i + 1]) / 2, 1e-9);
            }
        }
    }

    [Fact]
    public void A_line_through_data_and_a_png_are_drawn()
    {
        var model = Model();
        var data = Path.Combine(directory, "points.csv");
        File.WriteAllText(data, "a,b,c\n0.5,0.1,-0.3\n-0.4,0.6,0.2\n");
        var png = Path.Combine(directory, "line.png");
        var (code, stdout, stderr) = Run("plot-segment", "--model", model, "--data", data, "--segment-through", "0,1", "-o", png);
        Assert.True(code == 0, stderr);
        var exact = CountLine().Match(Run("count", "--model", model, "--method", "exact", "--data", data, "--segment-through", "0,1").Out).Groups[1].Value;
        Assert.Contains($"{exact} activation regions (exact)", stdout);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
    }

    [Theory]
    [InlineData("--output", "0")]
    [InlineData("--segment", Segment, "-o", "x.gif")]
    [InlineData("--segment", Segment, "--output", "2")]
    [InlineData("--segment", Segment, "--output", "first")]
    [InlineData("--segment", "1,2:1,0,0:0:1")]
    public void Bad_input_is_one_line_and_exit_2(params string[] args)
    {
        var model = Model();
        var output = args.Contains("-o") ? [] : new[] { "-o", Path.Combine(directory, "x.svg") };
        var (code, stdout, stderr) = Run(["plot-segment", "--model", model, .. args.Select(a => a == "x.gif" ? Path.Combine(directory, a) : a), .. output]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("regions: ", stderr);
        Assert.Empty(Directory.GetFiles(directory, "x.*"));
    }

    [GeneratedRegex(@"regions: (\d+) \(exact")]
    private static partial Regex CountLine();
}
