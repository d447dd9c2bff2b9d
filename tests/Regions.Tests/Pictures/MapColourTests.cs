using Regions.Drawing;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Pictures;

/// <summary>
/// <c>map --colour gradient|area</c> on the exact regions of the Montufar construction (many regions repeat its folds, so
/// directions and areas repeat): equal gradient directions share a hue, and brighter means a larger area.
/// </summary>
public sealed class MapColourTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-colour-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private IReadOnlyList<PlaneRegion> Montufar()
    {
        var path = Path.Combine(directory, "montufar.json");
        Assert.Equal(0, Run("construct", "montufar", "--inputs", "2", "--widths", "4,4,3", "-o", path).Code);
        var network = NetworkReader.Load(path);
        var box = new Box([0, 0], [1, 1]);
        return PlaneRegions.Enumerate(network, AffineSlice.Identity(2), box, new MapPartition(false, null), 100_000)!.Regions;
    }

    private static double Hue((byte R, byte G, byte B) c)
    {
        double r = c.R / 255.0, g = c.G / 255.0, b = c.B / 255.0;
        double max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), d = max - min;
        if (d == 0) return double.NaN;
        var h = max == r ? (g - b) / d % 6 : max == g ? (b - r) / d + 2 : (r - g) / d + 4;
        return (h * 60 + 360) % 360;
    }

    private static double Luminance((byte R, byte G, byte B) c) => 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;

    [Fact]
    public void Regions_whose_gradients_point_the_same_way_share_a_hue()
    {
        var regions = Montufar();
        var colours = RegionColours.Of(regions, MapColouring.Gradient, 0);
        // Directions to a degree: the construction's regions repeat its folds, so many share one.
        var byDirection = regions.Select((r, i) => (Angle: Math.Round(Math.Atan2(r.Outputs[0].Gradient[1], r.Outputs[0].Gradient[0]) * 180 / Math.PI), Colour: colours[i],
                Size: Math.Sqrt(r.Outputs[0].Gradient[0] * r.Outputs[0].Gradient[0] + r.Outputs[0].Gradient[1] * r.Outputs[0].Gradient[1])))
            .Where(x => x.Size > 0).GroupBy(x => x.Angle).ToArray();
        Assert.Contains(byDirection, g => g.Count() > 1);
        Assert.True(byDirection.Length > 2, "the construction's output turns in several directions");
        foreach (var group in byDirection)
        {
            // Saturation (and rounding to bytes) moves the hue a little for pale colours; the direction decides it.
            var hues = group.Select(x => Hue(x.Colour)).Where(h => !double.IsNaN(h)).ToArray();
            foreach (var h in hues) Assert.True(Math.Min(Math.Abs(h - hues[0]), 360 - Math.Abs(h - hues[0])) < 3, $"hues {string.Join(", ", hues)} for one direction");
        }
        // Different directions more than 30 degrees apart get different hues (the hue is the angle).
        var representatives = byDirection.Select(g => (Angle: g.Key, Hue: Hue(g.First().Colour))).Where(x => !double.IsNaN(x.Hue)).ToArray();
        foreach (var a in representatives)
        foreach (var b in representatives.Where(b => Math.Abs(b.Angle - a.Angle) is > 30 and < 330))
            Assert.NotEqual(Math.Round(a.Hue), Math.Round(b.Hue));
    }

    [Fact]
    public void Larger_regions_are_brighter()
    {
        var regions = Montufar();
        var colours = RegionColours.Of(regions, MapColouring.Area, 0);
        var ordered = regions.Select((r, i) => (Area: r.Area, Light: Luminance(colours[i]))).OrderBy(x => x.Area).ToArray();
        Assert.True(ordered[^1].Area > 10 * ordered[0].Area);
        for (var i = 1; i < ordered.Length; i++) Assert.True(ordered[i].Light >= ordered[i - 1].Light, $"area {ordered[i].Area} is darker than area {ordered[i - 1].Area}");
        // The smallest region gets the palette's start and the largest its end.
        Assert.Equal(RegionColours.Palette(0), colours[regions.ToList().FindIndex(r => r.Area == ordered[0].Area)]);
        Assert.Equal(RegionColours.Palette(1), colours[regions.ToList().FindIndex(r => r.Area == ordered[^1].Area)]);
    }

    [Fact]
    public void The_map_verb_takes_each_colour_mode_and_refuses_others()
    {
        var model = Path.Combine(directory, "m.json");
        Run("construct", "montufar", "--inputs", "2", "--widths", "4,4,3", "-o", model);
        foreach (var mode in new[] { "pattern", "gradient", "area" })
        {
            var (code, stdout, stderr) = Run("map", "--model", model, "--colour", mode, "-o", Path.Combine(directory, $"{mode}.svg"));
            Assert.True(code == 0, stderr);
            Assert.Contains("112 activation regions (exact)", stdout);
        }
        Assert.Equal(2, Run("map", "--model", model, "--colour", "rainbow", "-o", Path.Combine(directory, "x.svg")).Code);
    }
}
