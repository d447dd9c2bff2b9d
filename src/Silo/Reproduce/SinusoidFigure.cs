using Regions.Drawing;
using Regions.Kernel.Geometry;
using Regions.Silo.Commands;

namespace Regions.Silo.Reproduce;

/// <summary>
/// The experiment's figure (Fig. 1 of the main text, redrawn exactly): one panel per network, side by side, each the
/// exact activation regions of the network in the data's box with the decision boundary (the zero set of its one
/// output) in red, as <c>regions map --boundary</c> draws a single map.
/// </summary>
internal static class SinusoidFigure
{
    public const string File = "sinusoid.svg";
    public const int PanelWidth = 560, PanelHeight = 600;

    /// <summary>These are tiny networks; a panel beyond this would not be one of them.</summary>
    private const int MaxRegions = 200_000;

    /// <summary>Draws both panels into <paramref name="path"/>; returns the regions each panel shows (exact).</summary>
    public static IReadOnlyList<long> Write(string path, SinusoidRun run)
    {
        var box = run.Manifest.Box;
        var plane = new AffineSlice([0, 0], [[1, 0], [0, 1]]);
        var panels = new List<MapContent>();
        var counts = new List<long>();
        foreach (var row in run.Rows)
        {
            var regions = PlaneRegions.Enumerate(row.Network, plane, box, MapPartition.Activation, MaxRegions)
                ?? throw new InvalidOperationException($"{row.Model.File}: more than {MaxRegions} regions in the box");
            counts.Add(regions.Count);
            var title = new List<string>
            {
                $"{row.Model.Shape}: {row.Network.Describe()}",
                $"misclassified {row.Misclassified} of {run.Points} training points",
                $"{regions.Count:N0} activation regions (exact); red: output = 0",
            };
            panels.Add(new MapContent(box, title, regions.Regions, null, BoundaryTracer.Trace(regions.Regions, box), ZeroSet.Of(regions.Regions, 0)));
        }
        OutputFile.Write(path, file => MapRow.Write(file, MapFormat.Svg, PanelWidth, PanelHeight, panels));
        return counts;
    }
}
