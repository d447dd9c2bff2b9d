using Regions.Drawing;
using Regions.Silo.Commands;

namespace Regions.Silo.Figures;

/// <summary>
/// Every region bound of the catalogue at a fixed width as depth grows, on a log axis (the papers' deep-versus-shallow
/// comparison): the same series and plot as <c>regions plot</c>.
/// </summary>
internal sealed class BoundsPlotFigure(string name, int inputs, int width, int depth, int? rank) : Figure(name, $"{name}.svg")
{
    public IReadOnlyList<PlotSeries> Series() => PlotCommand.Series(inputs, width, depth, rank);

    public override FigureResult Write(string path)
    {
        var series = Series();
        var unit = rank is { } k ? $"maxout rank {k}" : "relu";
        OutputFile.WriteText(path, LogPlot.Svg($"Region bounds, n0 = {inputs}, width {width} ({unit})", "hidden layers L", series));
        return new FigureResult($"every bound of the catalogue against depth 1..{depth}, n0 = {inputs}, width {width} ({unit}), log scale",
            [series.Count], $"{series.Count} bounds");
    }
}
