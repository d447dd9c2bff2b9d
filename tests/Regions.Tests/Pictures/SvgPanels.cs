using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Regions.Tests.Pictures;

/// <summary>
/// A row of maps read back from its SVG: the filled polygons (the regions) of each panel with their fills and vertices.
/// The panels are drawn side by side by translating the canvas, which Skia's SVG canvas writes as
/// transform="translate(X 0)" on each element; a polygon's panel is X divided by the panel width.
/// </summary>
internal static partial class SvgPanels
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static List<List<(string Fill, string Vertices)>> Read(string path, int panelWidth)
    {
        var root = XDocument.Load(path).Root!;
        var panels = new List<List<(string, string)>>();
        foreach (var p in root.Descendants(Svg + "path"))
        {
            if ((string?)p.Attribute("fill") is not { } fill || fill == "none") continue;
            var x = p.AncestorsAndSelf().Sum(e => (string?)e.Attribute("transform") is { } t && Translate().Match(t) is { Success: true } m
                ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
            var panel = (int)Math.Round(x / panelWidth);
            while (panels.Count <= panel) panels.Add([]);
            panels[panel].Add((fill, (string)p.Attribute("d")!));
        }
        return panels;
    }

    [GeneratedRegex(@"translate\(([-\d.eE+]+)[ ,]")]
    private static partial Regex Translate();
}
