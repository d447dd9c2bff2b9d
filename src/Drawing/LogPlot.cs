using System.Globalization;
using System.Numerics;
using System.Security;
using System.Text;
using Regions.Kernel;

namespace Regions.Drawing;

/// <summary>One named line of a <see cref="LogPlot"/>: exact values at integer x (missing where the value is null).</summary>
public sealed record PlotSeries(string Label, IReadOnlyList<(int X, BigInteger Value)> Points, bool Dashed = false);

/// <summary>
/// A line chart with a log10 y axis, as SVG text: region counts span hundreds of decades, so only a log
/// axis shows them side by side. Values are exact integers; the axis uses <see cref="BigInteger.Log10"/>, so
/// numbers beyond the range of a double still find their place.
/// </summary>
public static class LogPlot
{
    private const int Width = 900, Height = 560, Left = 80, Right = 300, Top = 50, Bottom = 60;

    // Colour-blind-safe palette (Okabe & Ito 2008), cycled.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933", "#999999"];

    public static string Svg(string title, string xLabel, IReadOnlyList<PlotSeries> series)
    {
        var points = series.SelectMany(s => s.Points).Where(p => p.Value > 0).ToArray();
        if (points.Length == 0) throw new InvalidRequestException("nothing to plot: no series has a positive value");
        int xMin = points.Min(p => p.X), xMax = Math.Max(points.Max(p => p.X), xMin + 1);
        var logs = points.Select(p => BigInteger.Log10(p.Value)).ToArray();
        var yMin = Math.Floor(logs.Min());
        var yMax = Math.Max(Math.Ceiling(logs.Max()), yMin + 1);
        double X(int x) => Left + (x - xMin) * (double)(Width - Left - Right) / (xMax - xMin);
        double Y(double log) => Height - Bottom - (log - yMin) * (Height - Top - Bottom) / (yMax - yMin);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"13\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        // Decade grid lines, thinned so at most about ten are labelled.
        var step = Math.Max(1, (int)Math.Ceiling((yMax - yMin) / 10));
        for (var d = yMin; d <= yMax; d += step)
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(d):F1}\" y2=\"{Y(d):F1}\" stroke=\"#ddd\"/>\n"));
            svg.Append(Invariant($"<text x=\"{Left - 8}\" y=\"{Y(d) + 4:F1}\" text-anchor=\"end\">1e{d:F0}</text>\n"));
        }
        var xStep = Math.Max(1, (xMax - xMin + 9) / 10);
        for (var x = xMin; x <= xMax; x += xStep)
        {
            svg.Append(Invariant($"<line x1=\"{X(x):F1}\" x2=\"{X(x):F1}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>\n"));
            svg.Append(Invariant($"<text x=\"{X(x):F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{x}</text>\n"));
        }
        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#444\"/>\n"));
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 16}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
        svg.Append(Invariant($"<text transform=\"translate(20 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">regions (log scale)</text>\n"));

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var dash = series[s].Dashed ? " stroke-dasharray=\"6 4\"" : "";
            var visible = series[s].Points.Where(p => p.Value > 0).OrderBy(p => p.X).ToArray();
            if (visible.Length > 0)
            {
                var path = string.Join(" ", visible.Select(p => Invariant($"{X(p.X):F1},{Y(BigInteger.Log10(p.Value)):F1}")));
                svg.Append(Invariant($"<polyline class=\"series\" data-label=\"{Escape(series[s].Label)}\" points=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>\n"));
                foreach (var p in visible)
                    svg.Append(Invariant($"<circle cx=\"{X(p.X):F1}\" cy=\"{Y(BigInteger.Log10(p.Value)):F1}\" r=\"3\" fill=\"{colour}\"><title>{Escape(series[s].Label)}: {p.Value}</title></circle>\n"));
            }
            var legendY = Top + 10 + s * 22;
            svg.Append(Invariant($"<line x1=\"{Width - Right + 16}\" x2=\"{Width - Right + 40}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>\n"));
            svg.Append(Invariant($"<text x=\"{Width - Right + 46}\" y=\"{legendY + 4}\">{Escape(series[s].Label)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
