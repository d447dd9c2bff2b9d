using System.Globalization;
using Regions.Kernel.Statistics;

namespace Regions.Silo.Formatting;

/// <summary>The text and <c>--json</c> forms of <c>count --stats</c>.</summary>
internal static class StatisticsReport
{
    public static void WriteText(TextWriter output, RegionStatistics s, string coordinates)
    {
        output.WriteLine($"statistics of the {s.Regions} activation regions (whole regions: the domain enumerated as one cell; {s.MeasureName} in {coordinates} coordinates):");
        output.WriteLine($"  {s.MeasureName,-9}{Line(s.Measure)}  (sum {Number(s.TotalMeasure)} of the domain's {Number(s.DomainMeasure)})");
        output.WriteLine($"  {"facets",-9}{Line(s.Facets)}");
        output.WriteLine($"  {"inradius",-9}{Line(s.Inradius)}");
        output.WriteLine($"  decision boundary: {s.BoundaryPieces} pieces (regions the {s.Boundary} crosses)");
    }

    public static Dictionary<string, object?> Json(RegionStatistics s, string coordinates) => new()
    {
        ["regions"] = s.Regions,
        ["wholeRegions"] = true,
        ["coordinates"] = coordinates,
        ["measure"] = new Dictionary<string, object?>(Fields(s.Measure))
        {
            ["kind"] = s.MeasureName,
            ["sum"] = s.TotalMeasure,
            ["domain"] = s.DomainMeasure,
        },
        ["facets"] = Fields(s.Facets),
        ["inradius"] = Fields(s.Inradius),
        ["decisionBoundary"] = new Dictionary<string, object?> { ["pieces"] = s.BoundaryPieces, ["of"] = s.Boundary },
    };

    private static Dictionary<string, object?> Fields(Distribution d) => new()
    {
        ["count"] = d.Count,
        ["min"] = Finite(d.Min),
        ["q1"] = Finite(d.LowerQuartile),
        ["median"] = Finite(d.Median),
        ["q3"] = Finite(d.UpperQuartile),
        ["mean"] = Finite(d.Mean),
        ["max"] = Finite(d.Max),
    };

    /// <summary>No regions, no statistics: JSON has no NaN, so an empty sample's fields are null.</summary>
    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static string Line(Distribution d) =>
        $"min {Number(d.Min)}  q1 {Number(d.LowerQuartile)}  median {Number(d.Median)}  q3 {Number(d.UpperQuartile)}  mean {Number(d.Mean)}  max {Number(d.Max)}";

    private static string Number(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
