using System.Buffers.Binary;
using System.IO.Compression;
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

    [Fact]
    public void The_png_is_well_formed_and_decodes_to_the_pixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30];
        using var stream = new MemoryStream();
        PngWriter.Write(stream, 2, 2, rgb);
        var png = stream.ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30 }, raw.ToArray());
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

            var map = new StringWriter();
            Assert.Equal(0, Silo.Cli.Run(["map", "--model", model, "--box", "-1:1", "--size", "200x200", "-o", png], map, new StringWriter()));
            var seen = int.Parse(map.ToString().Split(", ")[1].Split(' ')[0]);
            Assert.InRange(seen, 1, regions);
            Assert.Contains("pixels whose units double precision cannot decide are dark and not counted", map.ToString());
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
