using System.Text.RegularExpressions;
using Regions.Drawing;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;
using SkiaSharp;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Pictures;

/// <summary>
/// <c>regions map</c> drawn from the exact 2-D enumeration: its count is the exact count, the SVG has one polygon per
/// region, colours follow patterns across runs and zooms, the zero set lies where the output is zero, the PNG decodes.
/// </summary>
public sealed partial class ExactMapTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-maps-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Save(Network network, string name = "net.json")
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, NetworkWriter.ToJson(network));
        return path;
    }

    /// <summary>A 3-input relu net, so the map is a real slice and not the input plane.</summary>
    private static readonly Network Deep = TestNetworks.Random(11, 3, [8, 8], outputs: 2);

    private const string Origin = "0.1,-0.2,0.3", U = "1,0.5,0", V = "0,1,-0.5", Box = "-2:2,-1.5:1.5";

    private static long ExactCount(string model, string definition) =>
        long.Parse(CountLine().Match(Run("count", "--model", model, "--method", "exact", "--definition", definition, "--cells", "4",
            "--plane", $"{Origin}:{U}:{V}", "--box", Box).Out).Groups[1].Value);

    private static long MapCount(string stdout) => long.Parse(MapLine().Match(stdout).Groups[1].Value);

    private (int Code, string Out, string Err) Map(string model, string output, params string[] more) =>
        Run(["map", "--model", model, "--origin", Origin, "--u", U, "--v", V, "--box", Box, "-o", Path.Combine(directory, output), .. more]);

    [Theory]
    [InlineData("activation")]
    [InlineData("linear")]
    public void The_map_counts_what_the_exact_count_counts_on_the_same_plane(string definition)
    {
        var model = Save(Deep);
        var map = Map(model, "deep.svg", "--definition", definition);
        Assert.True(map.Code == 0, map.Err);
        var exact = ExactCount(model, definition);
        Assert.True(exact > 10, $"a plane with {exact} regions tests little");
        Assert.Equal(exact, MapCount(map.Out));
    }

    [Fact]
    public void The_svg_holds_one_polygon_per_activation_region()
    {
        var model = Save(Deep);
        Assert.Equal(0, Map(model, "deep.svg").Code);
        var svg = SvgRegions.Read(Path.Combine(directory, "deep.svg"));
        Assert.Equal(ExactCount(model, "activation"), svg.Polygons.Count);
        Assert.All(svg.Polygons, p => Assert.True(p.Vertices.Length >= 3));
        Assert.Equal((800, 800), (svg.Width, svg.Height));
    }

    [Fact]
    public void Colours_follow_patterns_across_runs_and_zooms()
    {
        var model = Save(Deep);
        Assert.Equal(0, Map(model, "a.svg").Code);
        Assert.Equal(0, Map(model, "b.svg").Code);
        // Same polygons, same fills, in the same order (the files differ only in Skia's clip-path ids, which count per process).
        var (first, second) = (SvgRegions.Read(Path.Combine(directory, "a.svg")), SvgRegions.Read(Path.Combine(directory, "b.svg")));
        Assert.Equal(first.Polygons.Select(p => p.Fill), second.Polygons.Select(p => p.Fill));
        Assert.Equal(first.Polygons.SelectMany(p => p.Vertices), second.Polygons.SelectMany(p => p.Vertices));

        // The zoomed box is the middle quarter; a region's interior point, found in the zoomed picture, must have the
        // same fill in both pictures, and that fill is its pattern's colour (the pattern evaluated at that point).
        Assert.Equal(0, Run("map", "--model", model, "--origin", Origin, "--u", U, "--v", V, "--box", "-1:1,-0.75:0.75", "-o", Path.Combine(directory, "zoom.svg")).Code);
        var full = SvgRegions.Read(Path.Combine(directory, "a.svg"));
        var zoom = SvgRegions.Read(Path.Combine(directory, "zoom.svg"));
        var slice = new AffineSlice([0.1, -0.2, 0.3], [[1, 0.5, 0], [0, 1, -0.5]]);
        var interpreter = new Interpreter(Deep);
        var checkedRegions = 0;
        foreach (var (fill, vertices) in zoom.Polygons)
        {
            var (x, y) = (vertices.Average(p => p.X), vertices.Average(p => p.Y));
            // Pixels to (u, v): the plot is 700 x 684 pixels from (76, 64), as MapPicture lays it out.
            var (u, v) = (-1 + (x - 76) / 700 * 2, 0.75 - (y - 64) / 684 * 1.5);
            var (fx, fy) = (76 + (u + 2) / 4 * 700, 64 + (1.5 - v) / 3 * 684);
            if (full.FillAt(fx, fy, margin: 1) is not { } fullFill || zoom.FillAt(x, y, margin: 1) is null) continue;
            var (r, g, b) = PatternColours.Of(Fingerprint.Of(interpreter.Pattern(slice.Point([u, v]))));
            Assert.Equal($"#{r:X2}{g:X2}{b:X2}", fill);
            Assert.Equal(fill, fullFill);
            checkedRegions++;
        }
        Assert.True(checkedRegions >= 5, $"only {checkedRegions} regions were checked");
    }

    [Fact]
    public void The_zero_set_lies_where_the_output_is_zero()
    {
        var slice = new AffineSlice([0.1, -0.2, 0.3], [[1, 0.5, 0], [0, 1, -0.5]]);
        var box = new Box([-2, -1.5], [2, 1.5]);
        var regions = PlaneRegions.Enumerate(Deep, slice, box, MapPartition.Activation, 100_000)!;
        var interpreter = new Interpreter(Deep);
        for (var output = 0; output < Deep.Outputs; output++)
        {
            var segments = ZeroSet.Of(regions.Regions, output);
            Assert.NotEmpty(segments);
            // The scale of the output on the box: its largest magnitude at the regions' vertices.
            var scale = regions.Regions.SelectMany(r => r.Polygon).Max(p => Math.Abs(interpreter.Forward(slice.Point([p.U, p.V]))[output]));
            foreach (var s in segments)
            {
                foreach (var (u, v) in new[] { (s.U0, s.V0), (s.U1, s.V1), ((s.U0 + s.U1) / 2, (s.V0 + s.V1) / 2) })
                    Assert.True(Math.Abs(interpreter.Forward(slice.Point([u, v]))[output]) <= 1e-9 * scale, $"output {output} at ({u}, {v})");
            }
        }
        var map = Map(Save(Deep), "zero.svg", "--boundary", "1");
        Assert.True(map.Code == 0, map.Err);
        Assert.Contains($"zero set of output 1: {ZeroSet.Of(regions.Regions, 1).Count} segments", map.Out);
    }

    /// <summary>Two relu units, x and y; the output reads only the first: 4 activation regions, 2 linear ones split by x = 0.</summary>
    private static readonly Network Cross = new(2, [new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0]), new Layer(Activation.Linear, 1, 2, [1, 0], [0])]);

    [Fact]
    public void Linear_regions_and_layers_draw_only_their_own_boundaries()
    {
        var box = new Box([-1, -1], [1, 1]);
        var activation = PlaneRegions.Enumerate(Cross, AffineSlice.Identity(2), box, MapPartition.Activation, 100)!;
        Assert.Equal(4, activation.Count);
        var all = BoundaryTracer.Trace(activation.Regions, box);
        Assert.Contains(all, s => Math.Abs(s.V0) < 1e-12 && Math.Abs(s.V1) < 1e-12);

        var linear = PlaneRegions.Enumerate(Cross, AffineSlice.Identity(2), box, new MapPartition(true, null), 100)!;
        Assert.Equal(2, linear.Count);
        var merged = BoundaryTracer.Trace(linear.Regions, box);
        Assert.NotEmpty(merged);
        Assert.All(merged, s => Assert.True(Math.Abs(s.U0) < 1e-12 && Math.Abs(s.U1) < 1e-12, $"{s} is not on x = 0"));
        // The line x = 0 is drawn whole, from v = -1 to 1.
        Assert.Equal(2, merged.Sum(s => Math.Abs(s.V1 - s.V0)), 9);

        // A second layer that folds along x + y = 0.5: after layer 1 only the two axes are boundaries.
        var deep = new Network(2, [new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0]), new Layer(Activation.Relu, 1, 2, [1, 1], [-0.5]), new Layer(Activation.Linear, 1, 1, [1], [0])]);
        var first = PlaneRegions.Enumerate(deep, AffineSlice.Identity(2), box, new MapPartition(false, 1), 100)!;
        Assert.Equal(4, first.Count);
        Assert.All(BoundaryTracer.Trace(first.Regions, box), s => Assert.True(
            (Math.Abs(s.U0) < 1e-12 && Math.Abs(s.U1) < 1e-12) || (Math.Abs(s.V0) < 1e-12 && Math.Abs(s.V1) < 1e-12), $"{s} is not on an axis"));
        Assert.True(PlaneRegions.Enumerate(deep, AffineSlice.Identity(2), box, new MapPartition(false, 2), 100)!.Count > 4);
    }

    [Fact]
    public void The_png_decodes_to_the_asked_size_with_the_regions_colours()
    {
        var model = Save(Cross);
        var run = Run("map", "--model", model, "--box", "-1:1,-1:1", "--size", "500x400", "-o", Path.Combine(directory, "cross.png"));
        Assert.True(run.Code == 0, run.Err);
        using var bitmap = SKBitmap.Decode(Path.Combine(directory, "cross.png"));
        Assert.NotNull(bitmap);
        Assert.Equal((500, 400), (bitmap.Width, bitmap.Height));
        // The centre of the quadrant x > 0, y > 0 (plot 400 x 284 pixels from (76, 64)) has that pattern's colour.
        var (r, g, b) = PatternColours.Of(Fingerprint.Of(new Interpreter(Cross).Pattern([0.5, 0.5])));
        Assert.Equal(new SKColor(r, g, b), bitmap.GetPixel(76 + 300, 64 + 71));
    }

    [Fact]
    public void Over_the_region_budget_the_map_says_so_and_draws_pixels()
    {
        var run = Map(Save(Deep), "many.png", "--max-regions", "3");
        Assert.True(run.Code == 0, run.Err);
        Assert.StartsWith("more than 3 activation regions on this plane", run.Out);
        Assert.Contains("a lower bound", run.Out);
        using var bitmap = SKBitmap.Decode(Path.Combine(directory, "many.png"));
        Assert.Equal(800, bitmap.Width);
    }

    [Theory]
    [InlineData("map.jpg", new string[0], "unknown picture format '.jpg'")]
    [InlineData("map", new string[0], "unknown picture format '(no extension)'")]
    [InlineData("map.svg", new[] { "--layer", "0" }, "--layer: 0 is out of range: the network has 3 layers (1..3)")]
    [InlineData("map.svg", new[] { "--layer", "4" }, "--layer: 4 is out of range")]
    [InlineData("map.svg", new[] { "--boundary", "2" }, "--boundary: output 2 is out of range: the network has 2 outputs (0..1)")]
    [InlineData("map.svg", new[] { "--boundary", "-1" }, "out of range")]
    [InlineData("map.svg", new[] { "--layer", "1", "--definition", "linear" }, "give one of them")]
    [InlineData("map.svg", new[] { "--size", "100x100" }, "is outside 240x200")]
    [InlineData("map.svg", new[] { "--max-regions", "0" }, "must be at least 1")]
    public void Bad_map_input_is_one_line_and_exit_2(string output, string[] more, string message)
    {
        var run = Map(Save(Deep), output, more);
        Assert.True(run.Code == 2, $"exit {run.Code}: {run.Err}");
        Assert.Equal("", run.Out);
        var lines = run.Err.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, run.Err);
        Assert.Contains(message, lines[0]);
        Assert.False(File.Exists(Path.Combine(directory, output)));
    }

    [Fact]
    public void A_plane_through_data_rows_is_drawn_as_count_counts_it()
    {
        var data = Path.Combine(directory, "points.csv");
        File.WriteAllText(data, "a,b,c,label\n0,0,0,zero\n1,0.5,0,one\n0,1,-0.5,two\n");
        var model = Save(Deep);
        var map = Run("map", "--model", model, "--data", data, "--plane-through", "0,1,2", "-o", Path.Combine(directory, "data.svg"));
        Assert.True(map.Code == 0, map.Err);
        var count = Run("count", "--model", model, "--method", "exact", "--data", data, "--plane-through", "0,1,2");
        Assert.Equal(long.Parse(CountLine().Match(count.Out).Groups[1].Value), MapCount(map.Out));
        Assert.Contains("plane through rows 0,1,2 of points.csv", File.ReadAllText(Path.Combine(directory, "data.svg")));
    }

    [GeneratedRegex(@"regions: (\d+) \(exact")]
    private static partial Regex CountLine();

    [GeneratedRegex(@", (\d+) (activation|linear) regions")]
    private static partial Regex MapLine();
}
