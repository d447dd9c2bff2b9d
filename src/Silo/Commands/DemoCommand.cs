using System.CommandLine;
using System.Diagnostics;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Theory.Bounds;
using Regions.Theory.Constructions;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions demo</c>: the main job on the embedded silo. Builds the papers' constructions, counts
/// their regions inside the domain each one records, and sets the count beside the theorem's number
/// and the most a shallow net with as many units can have.
/// </summary>
internal static class DemoCommand
{
    private sealed record Case(string Construction, int Inputs, int[] Widths, int? Rank = null);

    private static readonly Case[] Cases =
    [
        new("shallow", 2, [8]),
        new("pascanu-2n0", 2, [4, 4]),
        new("pascanu-2n0", 2, [4, 4, 4]),
        new("montufar", 2, [4, 4, 3]),
        new("montufar", 2, [5, 5, 4]),
        new("montufar", 1, [6, 6, 6]),
        new("maxout", 2, [2, 2], 3),
        new("shi", 3, [3], 3),
        new("catalan", 3, [3], 4),
    ];

    public static Command Create()
    {
        var points = new Option<long>("--points") { Description = "Sample points per construction.", DefaultValueFactory = _ => 4_000_000 };
        var threads = CommonOptions.Threads("Worker threads");
        var command = new Command("demo", "Build the papers' constructions, count their regions on the embedded silo, compare with the theorems.");
        command.Options.Add(points);
        command.Options.Add(threads);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var total = Stopwatch.StartNew();
            var rows = new List<string[]> { new[] { "construction", "architecture", "theorem", "exact", "sampled", "shallow, same units" } };
            var reached = 0;
            var sampledReached = 0;
            foreach (var c in Cases)
            {
                var network = NetworkConstructions.Build(c.Construction, new ConstructionRequest(c.Inputs, c.Widths, c.Rank));
                var domain = MetaDomain.Read(network)!;
                var job = new CountJob(network, domain, CountMethod.Sample, parse.GetValue(points), 64, 0, SamplerKind.Random);
                var result = EmbeddedRunner.Run(job, CommonOptions.Threads(parse, threads));
                var exact = EmbeddedRunner.Run(job with { Method = CountMethod.Exact }, CommonOptions.Threads(parse, threads));
                var expected = network.Meta?["expectedActivationRegions"]?.ToString() ?? "?";
                if (expected == exact.Regions.ToString()) reached++;
                if (expected == result.Regions.ToString()) sampledReached++;
                var shallow = ShallowMaximum(c.Inputs, c.Widths.Sum(), c.Rank);
                rows.Add([c.Construction, Architecture(network), expected, $"{exact.Regions}", $"{result.Regions}", shallow]);
            }
            Table(stdout, rows);
            stdout.WriteLine();
            stdout.WriteLine($"{reached} of {Cases.Length} constructions have exactly their theorem's count; sampling ({parse.GetValue(points):N0} points each, a lower bound) found all of it for {sampledReached}; {total.Elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores.");
            stdout.WriteLine("'theorem' is the construction's exact activation-region count inside its domain (meta.expectedActivationRegions);");
            stdout.WriteLine("'shallow, same units' is the most one hidden layer with as many units can have (Zaslavsky; maxout: Prop. 8 of Montufar et al. 2014).");
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>
    /// The most regions one hidden layer with as many units can have: Zaslavsky's sum for relu units,
    /// Proposition 8 of Montufar et al. 2014 for rank-k maxout units.
    /// </summary>
    private static string ShallowMaximum(int inputs, int units, int? rank)
    {
        var id = rank is null ? "shallow-zaslavsky" : "montufar2014-prop8-upper";
        return BoundCatalog.For(inputs, [units], rank).Single(b => b.Id == id).ValueText ?? "-";
    }

    private static string Architecture(Network network)
    {
        var hidden = network.Layers.Take(network.Layers.Count - 1).Select(l => l.Units);
        var rank = network.Layers[0].Activation == Activation.Maxout ? $" maxout k={network.Layers[0].Rank}" : " relu";
        return $"{network.Inputs}-{string.Join("-", hidden)}{rank}";
    }

    private static void Table(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c >= 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
    }
}
