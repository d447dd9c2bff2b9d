using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Regions.Tests.Pictures;

/// <summary>
/// What a map's SVG shows, read back from the file: the filled polygons (the regions) with their fill colour and
/// vertices in pixels, and the stroked paths (boundaries, zero set, axes) apart.
/// </summary>
internal sealed partial record SvgRegions(IReadOnlyList<(string Fill, (double X, double Y)[] Vertices)> Polygons, int Width, int Height)
{
    public static SvgRegions Read(string path)
    {
        var svg = XDocument.Load(path).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        var polygons = svg.Descendants(ns + "path")
            .Where(p => (string?)p.Attribute("fill") is { } fill && fill != "none")
            .Select(p => ((string)p.Attribute("fill")!, Vertices((string)p.Attribute("d")!)))
            .ToArray();
        return new SvgRegions(polygons, (int)svg.Attribute("width")!, (int)svg.Attribute("height")!);
    }

    /// <summary>The vertices of a path made of M, L and Z (what the map writes for a polygon).</summary>
    private static (double X, double Y)[] Vertices(string d)
    {
        var numbers = Number().Matches(d).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        return Enumerable.Range(0, numbers.Length / 2).Select(i => (numbers[2 * i], numbers[2 * i + 1])).ToArray();
    }

    /// <summary>The fill of the polygon holding the point at least <paramref name="margin"/> pixels inside, or null.</summary>
    public string? FillAt(double x, double y, double margin)
    {
        foreach (var (fill, vertices) in Polygons)
        {
            if (Inside(vertices, x, y, margin)) return fill;
        }
        return null;
    }

    /// <summary>
    /// Inside a convex polygon with a margin: the point is on the same side of every edge, at least the margin away.
    /// Pixel y runs down, so the polygons drawn counter-clockwise in (u, v) are clockwise here; either turn is accepted.
    /// </summary>
    private static bool Inside((double X, double Y)[] v, double x, double y, double margin)
    {
        int positive = 0, negative = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var (a, b) = (v[i], v[(i + 1) % v.Length]);
            var length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            if (length == 0) continue;
            var side = ((b.X - a.X) * (y - a.Y) - (b.Y - a.Y) * (x - a.X)) / length;
            if (side > margin) positive++;
            else if (side < -margin) negative++;
            else return false;
        }
        return positive == 0 || negative == 0;
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();
}
