using Regions.Drawing;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;

namespace Regions.Tests.Pictures;

public class RegionMapTests
{
    [Fact]
    public void Two_crossing_lines_paint_four_regions_and_a_cross()
    {
        var network = new Network(2, [new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0])]);
        var (rgb, distinct, undecided) = RegionMap.Render(network, PlaneSlice.Axes(2, -1, 1, -1, 1), 40, 40);
        Assert.Equal(4, distinct);
        Assert.Equal(0, undecided);
        // Quadrant centres have four different colours; the boundary column next to x = 0 is dark.
        var colours = new[] { (10, 10), (30, 10), (10, 30), (30, 30) }.Select(p => Pixel(rgb, 40, p.Item1, p.Item2)).ToHashSet();
        Assert.Equal(4, colours.Count);
        Assert.Equal((40, 40, 40), Pixel(rgb, 40, 19, 5));
    }

    /// <summary>
    /// Three maxout units whose two rows differ by 1e-17, 2e-17 and 3e-17 in the y weight: all switch on y = 0, so there
    /// are 2 regions, but rounding lets each see the difference at a different distance from x = 0, and the pixels
    /// used to show 4 patterns.
    /// </summary>
    private const string NearDuplicates = """
        {"format":"pwl-network/1","inputs":2,"layers":[
          {"activation":"maxout","rank":2,"weights":[[1,0],[1,1e-17],[1,0],[1,2e-17],[1,0],[1,3e-17]],"biases":[0,0,0,0,0,0]},
          {"activation":"linear","weights":[[1,1,1]],"biases":[0]}]}
        """;

    [Fact]
    public void Near_duplicate_units_never_make_the_map_report_more_regions_than_exist()
    {
        var model = Path.Combine(Path.GetTempPath(), $"regions-near-{Guid.NewGuid():N}.json");
        var png = Path.ChangeExtension(model, ".png");
        File.WriteAllText(model, NearDuplicates);
        try
        {
            var exact = new StringWriter();
            Assert.Equal(0, Silo.Cli.Run(["count", "--model", model, "--box", "-1:1", "--method", "exact", "--json"], exact, new StringWriter()));
            var regions = System.Text.Json.JsonDocument.Parse(exact.ToString()).RootElement.GetProperty("regions").GetInt64();
            Assert.Equal(2, regions);

            // The exact map counts what the exact count does; the raster fallback (a budget of one region) never more.
            var map = new StringWriter();
            Assert.Equal(0, Silo.Cli.Run(["map", "--model", model, "--box", "-1:1", "--size", "300x300", "-o", png], map, new StringWriter()));
            Assert.Contains(", 2 activation regions (exact)", map.ToString());
            var (_, seen, undecided) = RegionMap.Render(Kernel.Format.NetworkReader.Parse(NearDuplicates), PlaneSlice.Axes(2, -1, 1, -1, 1), 200, 200);
            Assert.InRange(seen, 1, regions);
            Assert.True(undecided > 0);
        }
        finally
        {
            File.Delete(model);
            File.Delete(png);
        }
    }

    [Fact]
    public void A_pattern_is_decided_away_from_boundaries_and_not_on_them()
    {
        var lines = new DecidedPatterns(new Network(2, [new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0])]));
        var pattern = new ulong[1];
        Assert.True(lines.TryEvaluate([0.5, -0.25], pattern));
        Assert.Equal(1UL, pattern[0]);
        Assert.False(lines.TryEvaluate([0, 0.5], pattern));

        var near = new DecidedPatterns(Kernel.Format.NetworkReader.Parse(NearDuplicates));
        Assert.False(near.TryEvaluate([0.5, 0.3], pattern));
        // Near x = 0 the 1e-17 differences are resolved and the pattern is certain.
        Assert.True(near.TryEvaluate([1e-300, 0.3], pattern));
        // Identical rows tie everywhere, the same way: no doubt about them.
        var twins = new DecidedPatterns(new Network(2, [new Layer(Activation.Maxout, 2, 2, [1, 1, 1, 1], [0, 0], rank: 2)]));
        Assert.True(twins.TryEvaluate([0.5, 0.3], pattern));
    }

    private static (int, int, int) Pixel(byte[] rgb, int width, int x, int y)
    {
        var i = 3 * (y * width + x);
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }
}
