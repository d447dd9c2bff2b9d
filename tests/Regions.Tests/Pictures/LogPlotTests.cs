using System.Numerics;
using System.Xml.Linq;
using Regions.Drawing;

namespace Regions.Tests.Pictures;

public sealed class LogPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Every_bound_is_one_polyline_and_larger_values_sit_higher()
    {
        var series = Silo.Commands.PlotCommand.Series(2, 4, 6, null);
        var document = XDocument.Parse(LogPlot.Svg("t", "L", series));
        var lines = document.Descendants(Svg + "polyline").ToArray();
        Assert.Equal(series.Count(s => s.Points.Count > 0), lines.Length);
        Assert.Contains(series, s => s.Label.StartsWith("montufar2014-thm5"));

        // The shallow comparator of 2 layers of 4 on 2 inputs is Zaslavsky's 37, Theorem 5 gives 44: 44 is drawn higher.
        var shallow = Heights(lines.Single(l => ((string)l.Attribute("data-label")!).StartsWith("shallow")));
        var theorem5 = Heights(lines.Single(l => ((string)l.Attribute("data-label")!).StartsWith("montufar2014-thm5")));
        Assert.True(theorem5[1] < shallow[1], "a larger count must have a smaller SVG y");
        // Within one series the y order is the reverse of the value order.
        var trivial = series.Single(s => s.Label.StartsWith("trivial-upper"));
        var heights = Heights(lines.Single(l => ((string)l.Attribute("data-label")!).StartsWith("trivial-upper")));
        for (var i = 1; i < heights.Length; i++) Assert.Equal(trivial.Points[i].Value > trivial.Points[i - 1].Value, heights[i] < heights[i - 1]);
    }

    [Fact]
    public void Values_far_beyond_double_still_plot()
    {
        var huge = new PlotSeries("huge", [(1, BigInteger.Pow(10, 400)), (2, BigInteger.Pow(10, 800))]);
        var text = LogPlot.Svg("big", "x", [huge, new PlotSeries("one <&> two", [(1, 5), (2, 7)])]);
        var document = XDocument.Parse(text);
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "1e800");
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "one <&> two");
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

    private static double[] Heights(XElement polyline) =>
        ((string)polyline.Attribute("points")!).Split(' ').Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
