using System.Text.Json;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions count --definition all</c>: the exact count under every region notion of Stargalla, Hertrich and
/// Reichman that the project counts, side by side, from R1 (the most) to R6 (the fewest). Each is its own exact run
/// of the job; patterns, the one notion that reads the regions' faces too, may be undecidable in double precision
/// where the others are not: then it is reported as not counted, with why.
/// </summary>
internal static class DefinitionTable
{
    public const string All = "all";

    /// <summary>The notions in the order of the inequality R1 &gt;= R2 &gt;= R4 &gt;= R6, with their names in the literature.</summary>
    private static readonly (RegionDefinition Definition, string Name, string Meaning)[] Rows =
    [
        (RegionDefinition.Patterns, "R1", "activation patterns realised, lower-dimensional ones included"),
        (RegionDefinition.Activation, "R2", "full-dimensional activation regions"),
        (RegionDefinition.Linear, "R4", "connected pieces with one affine map"),
        (RegionDefinition.Affine, "R6", "distinct affine maps"),
    ];

    /// <summary>What a count of this definition counts, for the one-line report ("exact: 164 activation patterns").</summary>
    public static string Noun(string definition) => definition switch
    {
        "patterns" => "activation patterns",
        "affine" => "affine maps",
        _ => $"{definition} regions",
    };

    public static int Write(TextWriter stdout, CountJob job, int threads, bool json, bool regionsOut)
    {
        if (regionsOut) throw new InvalidRequestException("--regions-out goes with one definition, not --definition all");
        if (job.Method != CountMethod.Exact) throw new InvalidRequestException("--definition all needs --method exact (sampling counts activation regions only)");
        var counts = new List<(RegionDefinition Definition, string Name, string Meaning, CountResult? Result, string? Refusal)>();
        foreach (var (definition, name, meaning) in Rows)
        {
            try
            {
                counts.Add((definition, name, meaning, EmbeddedRunner.Run(job with { Definition = definition }, threads), null));
            }
            catch (InvalidRequestException e) when (definition == RegionDefinition.Patterns)
            {
                // Faces can be undecidable where the regions are not: the others are still worth printing.
                counts.Add((definition, name, meaning, null, e.Message));
            }
        }
        var cells = job.Cells;
        var seconds = counts.Sum(c => c.Result?.Seconds ?? 0);
        if (json)
        {
            var payload = new Dictionary<string, object?>
            {
                ["method"] = CountMethod.Exact.ToToken(),
                ["lowerBound"] = false,
                ["definitions"] = counts.ToDictionary(c => c.Definition.ToToken(), c => (object?)c.Result?.Regions),
                ["cells"] = cells,
                ["seconds"] = Math.Round(seconds, 6),
                ["box"] = job.Domain.ToString(),
            };
            var refused = counts.Where(c => c.Refusal is not null).ToDictionary(c => c.Definition.ToToken(), c => c.Refusal);
            if (refused.Count > 0) payload["notCounted"] = refused;
            stdout.WriteLine(JsonSerializer.Serialize(payload));
            return Cli.Ok;
        }
        stdout.WriteLine("regions (exact), by definition:");
        var width = counts.Max(c => c.Result?.Regions.ToString().Length ?? 0);
        foreach (var c in counts)
        {
            var label = $"{c.Definition.ToToken()} ({c.Name}):".PadRight(18);
            stdout.WriteLine(c.Result is { } r
                ? $"  {label} {r.Regions.ToString().PadLeft(width)}  {c.Meaning}"
                : $"  {label} not counted: {c.Refusal}");
        }
        stdout.WriteLine($"cells: {cells}, {seconds:F2} s");
        return Cli.Ok;
    }
}
