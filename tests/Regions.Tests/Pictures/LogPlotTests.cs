using System.Numerics;
using System.Xml.Linq;
using Regions.Drawing;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Regions.Tests.Pictures;

/// <summary>The bound-vs-depth plot, drawn by ScottPlot: one line per bound at log10 of its exact values, decade ticks, SVG out.</summary>
public sealed class LogPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Every_bound_is_one_line_at_the_log_of_its_values()
    {
        var series = Silo.Commands.PlotCommand.Series(2, 4, 6, null);
        var lines = LogPlot.Build("t", "L", series).GetPlottables().OfType<Scatter>().ToArray();
        var drawn = series.Where(s => s.Points.Any(p => p.Value > 0)).ToArray();
        Assert.Equal(drawn.Select(s => s.Label), lines.Select(l => l.LegendText));
        Assert.Contains(series, s => s.Label.StartsWith("montufar2014-thm5"));
        for (var i = 0; i < drawn.Length; i++)
        {
            var points = lines[i].Data.GetScatterPoints();
            var expected = drawn[i].Points.Where(p => p.Value > 0).OrderBy(p => p.X).ToArray();
            Assert.Equal(expected.Select(p => (double)p.X), points.Select(p => p.X));
            Assert.Equal(expected.Select(p => BigInteger.Log10(p.Value)), points.Select(p => p.Y));
            // Upper bounds dashed, the others solid.
            Assert.Equal(drawn[i].Dashed, lines[i].LinePattern.Equals(ScottPlot.LinePattern.Dashed));
        }
        // The shallow comparator of 2 layers of 4 on 2 inputs is Zaslavsky's 37, Theorem 5 gives 44: 44 is drawn higher.
        double At(string prefix) => lines.Single(l => l.LegendText.StartsWith(prefix, StringComparison.Ordinal)).Data.GetScatterPoints()[1].Y;
        Assert.True(At("montufar2014-thm5") > At("shallow"));
    }

    [Fact]
    public void Values_far_beyond_double_still_plot()
    {
        var huge = new PlotSeries("huge", [(1, BigInteger.Pow(10, 400)), (2, BigInteger.Pow(10, 800))]);
        var series = new[] { huge, new PlotSeries("one <&> two", [(1, 5), (2, 7)]) };
        var plot = LogPlot.Build("big", "x", series);
        // The manual ticks are laid out when the plot renders.
        plot.GetSvgXml(LogPlot.Width, LogPlot.Height);
        Assert.Contains(((NumericManual)plot.Axes.Left.TickGenerator).Ticks, t => t.Label == "1e800" && t.Position == 800);
        var document = XDocument.Parse(LogPlot.Svg("big", "x", series));
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value.Trim() == "one <&> two");
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value.Trim() == "1e800");
    }

    [Fact]
    public void An_empty_plot_is_refused()
    {
        Assert.Throws<Kernel.InvalidRequestException>(() => LogPlot.Svg("t", "x", [new PlotSeries("zero", [(1, BigInteger.Zero)])]));
    }

    [Fact]
    public void The_plot_verb_writes_an_svg_and_rejects_absurd_depths()
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-plot-{Guid.NewGuid():N}.svg");
        var stderr = new StringWriter();
        Assert.Equal(0, Silo.Cli.Run(["plot", "--inputs", "2", "--width", "4", "--layers", "5", "-o", path], new StringWriter(), stderr));
        Assert.Equal("svg", XDocument.Load(path).Root!.Name.LocalName);
        File.Delete(path);
        Assert.Equal(2, Silo.Cli.Run(["plot", "--inputs", "2", "--width", "4", "--layers", "100000", "-o", path], new StringWriter(), stderr));
        Assert.Contains("--layers must be between 1 and 200", stderr.ToString());
        Assert.False(File.Exists(path));
    }
}
