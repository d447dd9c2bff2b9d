using System.CommandLine;
using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Exact;
using Regions.Kernel.Statistics;
using Regions.Silo.Formatting;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>count --stats</c> and <c>--graph FILE</c>: what exact enumeration says about the regions' shapes. Both run
/// one extra pass over the domain as a single cell, so every piece is a whole region (a region cut by cells
/// would need its pieces merged into one polygon for its facets and inradius); plain counting never runs it.
/// </summary>
internal sealed class StatsOptions
{
    public Option<bool> Stats { get; } = new("--stats")
    {
        Description = "Exact: distributions (min, quartiles, mean, max) of the activation regions' length/area/volume, facets and inradius, and the decision boundary's pieces; the domain is enumerated as one cell.",
    };

    public Option<string?> Graph { get; } = new("--graph")
    {
        Description = "Exact: write the region adjacency graph (regions sharing a facet) with each region's pattern, interior point, output maps and measure; .graphml or .json.",
    };

    public IEnumerable<Option> All => [Stats, Graph];

    /// <summary>Refuses what cannot be honoured before the count runs.</summary>
    public void Check(ParseResult parse, CountMethod method)
    {
        var graph = parse.GetValue(Graph);
        if (method == CountMethod.Sample && (parse.GetValue(Stats) || graph is not null))
            throw new InvalidRequestException("--stats and --graph go with --method exact (samples see patterns, not regions' shapes)");
        if (graph is not null) RegionGraphFile.CheckName(graph);
    }

    /// <summary>Runs the shape pass when asked: writes the graph and returns the statistics (null when not asked).</summary>
    /// <param name="regions">The exact count just made: the pass keeps that many regions, so it is held to the memory budget first.</param>
    public RegionStatistics? Run(ParseResult parse, CountJob job, long regions, string coordinates)
    {
        var graph = parse.GetValue(Graph);
        if (!parse.GetValue(Stats) && graph is null) return null;
        var bytes = regions * BytesPerRegion(job);
        // A linear count is at most the activation regions the pass keeps: then the estimate is a lower one.
        var kept = job.Definition == RegionDefinition.Activation ? $"all {regions:N0}" : $"at least {regions:N0}";
        job.Limits.Check(bytes, "memory", () => $"--stats/--graph keep {kept} activation regions, an estimated {Kernel.Limits.ResourceLimits.Bytes(bytes)}");
        var enumerator = (SubdivisionEnumerator)ExactEnumerators.Create(job);
        var shapes = enumerator.Shapes(job.Domain, neighbours: graph is not null, CancellationToken.None);
        var statistics = RegionStatistics.Of(shapes, job.Domain, job.Network.Outputs);
        if (graph is not null) RegionGraphFile.Write(graph, RegionGraph.Of(shapes), job.Network, coordinates, statistics.MeasureName);
        return parse.GetValue(Stats) ? statistics : null;
    }

    /// <summary>
    /// A rough size of one kept region: its pattern, interior point, output maps, vertices (about 4 d of them, the
    /// typical region being a simple shape), facet normals and object headers.
    /// </summary>
    private static long BytesPerRegion(CountJob job)
    {
        var d = job.Domain.Dimension;
        var words = job.Network.Layers.Sum(l => (long)l.Units) / 32 + 1;
        return 512 + 8 * (words + job.Network.Inputs + job.Network.Outputs * (d + 1) + 8L * d * d);
    }
}
