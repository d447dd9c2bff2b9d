namespace Regions.Drawing;

/// <summary>How <c>map</c> colours its regions.</summary>
public enum MapColouring
{
    /// <summary>A hash of the pattern (the key): stable across runs and zooms.</summary>
    Pattern,

    /// <summary>The direction of the output's gradient in (u, v) as a hue, its magnitude (relative to the largest) as saturation.</summary>
    Gradient,

    /// <summary>The region's area on a log scale, on a sequential palette.</summary>
    Area,
}

/// <summary>
/// Region colours for the modes other than the pattern hash: the gradient mode shows where the function turns (equal
/// directions look equal, wherever the regions are), the area mode where the regions are small (log scale, because
/// areas span decades near a fold).
/// </summary>
public static class RegionColours
{
    // Viridis at five stops: perceptually ordered and its luminance rises monotonically, so "brighter" reads as "bigger".
    private static readonly (byte R, byte G, byte B)[] Sequential = [(0x44, 0x01, 0x54), (0x3B, 0x52, 0x8B), (0x21, 0x90, 0x8C), (0x5D, 0xC9, 0x63), (0xFD, 0xE7, 0x25)];

    /// <summary>One colour per region, in the order given; <paramref name="output"/> is the output the gradient mode reads.</summary>
    public static (byte R, byte G, byte B)[] Of(IReadOnlyList<PlaneRegion> regions, MapColouring mode, int output) => mode switch
    {
        MapColouring.Pattern => regions.Select(r => PatternColours.Of(r.Key)).ToArray(),
        MapColouring.Gradient => ByGradient(regions, output),
        MapColouring.Area => ByArea(regions),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static (byte, byte, byte)[] ByGradient(IReadOnlyList<PlaneRegion> regions, int output)
    {
        var gradients = regions.Select(r => (U: r.Outputs[output].Gradient[0], V: r.Outputs[output].Gradient[1])).ToArray();
        var largest = gradients.Select(g => Math.Sqrt(g.U * g.U + g.V * g.V)).DefaultIfEmpty(0).Max();
        return gradients.Select(g =>
        {
            var magnitude = Math.Sqrt(g.U * g.U + g.V * g.V);
            // A flat region has no direction: white (saturation 0) whatever its hue.
            var hue = magnitude == 0 ? 0 : (Math.Atan2(g.V, g.U) / (2 * Math.PI) + 1) % 1;
            return Hsv(hue, largest == 0 ? 0 : magnitude / largest, 0.95);
        }).ToArray();
    }

    private static (byte, byte, byte)[] ByArea(IReadOnlyList<PlaneRegion> regions)
    {
        // A region of the partition may be several polygons (linear regions, regions after a layer): its area is their sum.
        var areas = regions.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Area));
        var logs = areas.Values.Where(a => a > 0).Select(Math.Log10).ToArray();
        var (low, high) = logs.Length == 0 ? (0.0, 0.0) : (logs.Min(), logs.Max());
        return regions.Select(r =>
        {
            var area = areas[r.Key];
            var x = area <= 0 || high == low ? (area <= 0 ? 0 : 1) : (Math.Log10(area) - low) / (high - low);
            return Palette(x);
        }).ToArray();
    }

    /// <summary>The sequential palette at x in [0, 1], interpolated linearly between its stops.</summary>
    public static (byte R, byte G, byte B) Palette(double x)
    {
        var position = Math.Clamp(x, 0, 1) * (Sequential.Length - 1);
        var i = Math.Min((int)position, Sequential.Length - 2);
        var f = position - i;
        var (a, b) = (Sequential[i], Sequential[i + 1]);
        byte Mix(byte p, byte q) => (byte)Math.Round(p + (q - p) * f);
        return (Mix(a.R, b.R), Mix(a.G, b.G), Mix(a.B, b.B));
    }

    private static (byte, byte, byte) Hsv(double hue, double saturation, double value)
    {
        var h = hue * 6;
        var sector = (int)h % 6;
        var f = h - Math.Floor(h);
        double p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f));
        var (r, g, b) = sector switch { 0 => (value, t, p), 1 => (q, value, p), 2 => (p, value, t), 3 => (p, q, value), 4 => (t, p, value), _ => (value, p, q) };
        return ((byte)Math.Round(255 * r), (byte)Math.Round(255 * g), (byte)Math.Round(255 * b));
    }
}
