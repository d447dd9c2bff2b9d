using System.Numerics;
using Regions.Kernel;
using ScottPlot;

namespace Regions.Drawing;

/// <summary>One named line of a <see cref="LogPlot"/>: exact values at integer x (missing where the value is null).</summary>
public sealed record PlotSeries(string Label, IReadOnlyList<(int X, BigInteger Value)> Points, bool Dashed = false);

/// <summary>
/// A line chart with a log10 y axis, drawn by ScottPlot (through SkiaSharp) as SVG: region counts span hundreds of
/// decades, so only a log axis shows them side by side. Values are exact integers; each is placed at
/// <see cref="BigInteger.Log10"/> of it, so numbers beyond the range of a double still find their place, and the
/// decade ticks are labelled 1eD by hand (ScottPlot's own log axis would take the values as doubles).
/// </summary>
public static class LogPlot
{
    public const int Width = 900, Height = 560;

    // Colour-blind-safe (Okabe & Ito 2008), then distinct extras: ten series before a colour repeats.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933", "#999999"];

    public static string Svg(string title, string xLabel, IReadOnlyList<PlotSeries> series) => Build(title, xLabel, series).GetSvgXml(Width, Height);

    /// <summary>The plot before it is rendered: one scatter line per series with a positive value, y = log10 of the value.</summary>
    public static Plot Build(string title, string xLabel, IReadOnlyList<PlotSeries> series)
    {
        var points = series.SelectMany(s => s.Points).Where(p => p.Value > 0).ToArray();
        if (points.Length == 0) throw new InvalidRequestException("nothing to plot: no series has a positive value");
        int xMin = points.Min(p => p.X), xMax = Math.Max(points.Max(p => p.X), xMin + 1);
        var logs = points.Select(p => BigInteger.Log10(p.Value)).ToArray();
        var yMin = Math.Floor(logs.Min());
        var yMax = Math.Max(Math.Ceiling(logs.Max()), yMin + 1);

        var plot = new Plot();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var visible = s.Points.Where(p => p.Value > 0).OrderBy(p => p.X).ToArray();
            if (visible.Length == 0) continue;
            var line = plot.Add.Scatter(visible.Select(p => (double)p.X).ToArray(), visible.Select(p => BigInteger.Log10(p.Value)).ToArray());
            // Colour by the series' place in the catalogue, so a bound keeps its colour in every plot.
            line.Color = Color.FromHex(Colours[i % Colours.Length]);
            line.LegendText = s.Label;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            // Dashed lines are upper bounds, so the kind of a bound reads from the line alone.
            if (s.Dashed) line.LinePattern = LinePattern.Dashed;
        }

        // Decade ticks, thinned so at most about ten are labelled.
        var decades = new ScottPlot.TickGenerators.NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling((yMax - yMin) / 10));
        for (var d = yMin; d <= yMax; d += step) decades.AddMajor(d, $"1e{d:F0}");
        plot.Axes.Left.TickGenerator = decades;
        var depths = new ScottPlot.TickGenerators.NumericManual();
        var xStep = Math.Max(1, (xMax - xMin + 9) / 10);
        for (var x = xMin; x <= xMax; x += xStep) depths.AddMajor(x, x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = depths;
        plot.Axes.SetLimits(xMin - 0.3, xMax + 0.3, yMin, yMax);

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("regions (log scale)");
        // Beside the plot, not over it: the lines fill the whole area.
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
