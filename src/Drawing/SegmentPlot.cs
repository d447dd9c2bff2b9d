using System.Globalization;
using Regions.Kernel;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using ScottPlot;
using Box = Regions.Kernel.Geometry.Box;

namespace Regions.Drawing;

/// <summary>
/// What a segment plot draws, kept apart from the picture so it can be checked: the region boundaries along t and,
/// per output, the curve's vertices. Within a region the output is affine in t, so the straight pieces between
/// consecutive vertices are the exact function.
/// </summary>
public sealed record SegmentCurves(int Regions, IReadOnlyList<double> Breakpoints, IReadOnlyList<(int Output, double[] T, double[] Y)> Curves);

/// <summary>
/// The network's outputs along a segment x = P + t D, from the exact 1-D enumeration (one cell, so each activation
/// region is one interval), drawn by ScottPlot as <see cref="LogPlot"/> is: one line per output, a thin vertical line
/// at every region boundary.
/// </summary>
public static class SegmentPlot
{
    public const int Width = 900, Height = 560;

    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933", "#999999"];

    /// <summary>
    /// Enumerates the segment and returns the curves of <paramref name="outputs"/>, or null above
    /// <paramref name="maxRegions"/> regions (the enumerator stops at the budget itself).
    /// </summary>
    public static SegmentCurves? Curves(Network network, AffineSlice slice, Box range, IReadOnlyList<int> outputs, int maxRegions, CancellationToken cancel = default)
    {
        if (slice.Dimension != 1 || range.Dimension != 1) throw new ArgumentException("a segment plot is a 1-D slice");
        var found = new SegmentEnumerator(network, slice, range).Enumerate(range, false, maxRegions, 1, cancel);
        if (found is null) return null;
        var pieces = found.Regions.OrderBy(r => r.Interval!.Value.T0).ToArray();
        // A boundary is where one interval ends and the next begins; the segment's own ends are not boundaries.
        var breakpoints = pieces.Skip(1).Select(r => r.Interval!.Value.T0).ToArray();
        var curves = outputs.Select(k =>
        {
            // Vertices: the segment's start, every boundary, its end; each valued by the map of the region to its left
            // (the start by the first region's), so every piece is the region's own affine function.
            var t = new double[pieces.Length + 1];
            var y = new double[pieces.Length + 1];
            t[0] = pieces[0].Interval!.Value.T0;
            y[0] = pieces[0].Outputs[k].At([t[0]]);
            for (var i = 0; i < pieces.Length; i++)
            {
                t[i + 1] = pieces[i].Interval!.Value.T1;
                y[i + 1] = pieces[i].Outputs[k].At([t[i + 1]]);
            }
            return (k, t, y);
        }).ToArray();
        return new SegmentCurves(pieces.Length, breakpoints, curves);
    }

    /// <summary>The plot before it is rendered: one straight-piece line per output, one vertical line per boundary.</summary>
    public static Plot Build(string title, SegmentCurves curves)
    {
        var plot = new Plot();
        // Boundaries first, so the curves are drawn over them.
        foreach (var t in curves.Breakpoints)
        {
            var line = plot.Add.VerticalLine(t);
            line.Color = Color.FromHex("#BBBBBB");
            line.LineWidth = 1;
        }
        foreach (var (output, t, y) in curves.Curves)
        {
            var line = plot.Add.Scatter(t, y);
            line.Color = Color.FromHex(Colours[output % Colours.Length]);
            line.LegendText = $"output {output}";
            line.LineWidth = 2;
            // Small dots at the vertices mark where each affine piece ends.
            line.MarkerSize = 3;
        }
        plot.Title(title);
        plot.XLabel("t");
        plot.YLabel("output");
        if (curves.Curves.Count > 1) plot.ShowLegend(Edge.Right);
        else plot.HideLegend();
        return plot;
    }

    public static void Write(Stream output, MapFormat format, string title, SegmentCurves curves)
    {
        var plot = Build(title, curves);
        if (format == MapFormat.Svg)
        {
            using var writer = new StreamWriter(output, leaveOpen: true);
            writer.Write(plot.GetSvgXml(Width, Height));
            return;
        }
        var bytes = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        output.Write(bytes);
    }

    /// <summary>The segment as the title names it: x = P + t D, t in [T0, T1], vectors shortened to fit one line.</summary>
    public static string Describe(AffineSlice slice, Box range) =>
        $"x = ({Short(slice.Origin)}) + t ({Short(slice.Directions[0])}), t in [{range.Lower[0].ToString("G6", CultureInfo.InvariantCulture)}, {range.Upper[0].ToString("G6", CultureInfo.InvariantCulture)}]";

    private static string Short(double[] x) =>
        string.Join(", ", x.Take(4).Select(c => c.ToString("G4", CultureInfo.InvariantCulture))) + (x.Length > 4 ? $", ... ({x.Length})" : "");
}
