using System.CommandLine;
using System.Text.Json;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;

namespace Regions.Silo.Commands;

/// <summary><c>regions count</c>: count the regions of a network in a box on the embedded silo.</summary>
internal static class CountCommand
{
    public static Command Create()
    {
        var options = new JobOptions();
        var threads = CommonOptions.Threads("Worker threads");
        var segment = new Option<string?>("--segment") { Description = "Count along x = P + t D, t in [T0, T1], given as P:D:T0:T1 (P, D comma-separated); exact or sampled (points drawn in [T0, T1])." };
        var plane = new Option<string?>("--plane") { Description = "Count on the plane x = O + u D1 + v D2, given as O:D1:D2; --box is then the (u, v) box, where sampling draws its points." };
        var data = new Option<string?>("--data") { Description = "The data file (CSV with an optional header, a 'label' column left out; or .npy) whose rows --plane-through and --segment-through name." };
        var planeThrough = new Option<string?>("--plane-through") { Description = "Count (exact or sampled) on the plane through rows A,B,C of --data (row numbers from 0, or label=L for the first row labelled L; x = A + u (B - A) + v (C - A)); --box is the (u, v) box, by default -0.25:1.25,-0.25:1.25." };
        var segmentThrough = new Option<string?>("--segment-through") { Description = "Count (exact or sampled) on the line through rows A,B of --data (row numbers from 0, or label=L; x = A + t (B - A)); --box is the t range, by default -0.25:1.25." };
        var regionsOut = new Option<string?>("--regions-out") { Description = "Exact: write one JSON line per region (pattern, interior point, output maps, interval or polygon)." };
        var verbose = new Option<bool>("--verbose") { Description = "Say which evaluator runs and what compiling it cost (on stderr)." };
        var json = CommonOptions.Json();
        var shapes = new StatsOptions();

        var command = new Command("count", "Count the regions of a network in a box, or on a segment or plane (sampling gives a lower bound).");
        foreach (var option in options.All.Concat([threads, segment, plane, data, planeThrough, segmentThrough, regionsOut, verbose, json]).Concat(shapes.All)) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var limits = options.Limits(parse);
            var network = ModelFiles.Read(parse.GetValue(options.Model)!, limits);
            var countMethod = options.MethodOf(parse);
            if (countMethod == CountMethod.Sample && (options.DefinitionOf(parse) != RegionDefinition.Activation || options.AllDefinitions(parse)))
                throw new InvalidRequestException($"--definition {parse.GetValue(options.Definition)} needs --method exact (sampling counts activation regions only)");
            shapes.Check(parse, countMethod);
            if (options.AllDefinitions(parse) && (parse.GetValue(shapes.Stats) || parse.GetValue(shapes.Graph) is not null))
                throw new InvalidRequestException("--stats and --graph describe activation regions: drop --definition all");
            // Slices are counted by either method; only exact counting has regions to write.
            if (countMethod == CountMethod.Sample && parse.GetValue(regionsOut) is not null)
                throw new InvalidRequestException("--regions-out goes with --method exact (sampling sees patterns, not regions' polygons)");
            var through = DataSlices.Through(parse.GetValue(data), parse.GetValue(planeThrough), parse.GetValue(segmentThrough), network.Inputs, limits);
            var (slice, domain) = through is null
                ? Domain(parse.GetValue(segment), parse.GetValue(plane), parse.GetValue(options.Box), network)
                : DataSlices.Domain(through, parse.GetValue(segment) ?? parse.GetValue(plane), parse.GetValue(options.Box));
            var job = options.Job(parse, network, domain, limits) with { Slice = slice };
            // Every budget checked before the evaluator is built or a region file opened.
            job = job.Validated(CommonOptions.Threads(parse, threads));

            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            if (options.AllDefinitions(parse))
                return DefinitionTable.Write(stdout, job, CommonOptions.Threads(parse, threads), parse.GetValue(json), parse.GetValue(regionsOut) is not null);
            if (parse.GetValue(verbose) && countMethod == CountMethod.Sample)
            {
                Kernel.Evaluation.EvaluatorFactory.Create(network, job.Points, out var choice);
                stderr.WriteLine($"evaluator: {choice.Kind}{(choice.CompileTime > TimeSpan.Zero ? $", compiled in {choice.CompileTime.TotalSeconds:F2} s" : "")}");
            }
            CountResult result;
            var coordinates = slice is null ? "x" : (slice.Dimension == 1 ? "t" : "u,v");
            using (var writer = parse.GetValue(regionsOut) is { } path ? new RegionsWriter(path, network, coordinates) : null)
            using (var bar = ProgressBar.ForTerminal(stderr))
            {
                result = EmbeddedRunner.Run(job, CommonOptions.Threads(parse, threads), bar is null ? null : bar.Report, region: writer is null ? null : writer.Write);
            }
            // A construction's meta count holds in its own domain, so it is shown only when counting there.
            var expectedKey = job.Definition switch { RegionDefinition.Activation => "expectedActivationRegions", RegionDefinition.Linear => "expectedLinearRegions", _ => null };
            var expected = slice is null && expectedKey is not null && MetaDomain.Read(network)?.ToString() == domain.ToString()
                ? network.Meta?[expectedKey]?.ToString()
                : null;
            if (expected == "unknown") expected = null;
            var statistics = shapes.Run(parse, job, result.Regions, coordinates);
            if (parse.GetValue(json)) WriteJson(stdout, result, domain.ToString(), expected, statistics is null ? null : Formatting.StatisticsReport.Json(statistics, coordinates));
            else WriteText(stdout, result, expected);
            if (statistics is not null && !parse.GetValue(json)) Formatting.StatisticsReport.WriteText(stdout, statistics, coordinates);
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>The counting domain: a segment's t range, a plane's (u, v) box, or a box of the inputs.</summary>
    private static (AffineSlice? Slice, Box Domain) Domain(string? segment, string? plane, string? box, Kernel.Model.Network network)
    {
        if (segment is not null && plane is not null) throw new InvalidRequestException("give --segment or --plane, not both");
        if (segment is not null)
        {
            if (box is not null) throw new InvalidRequestException("--segment carries its own range T0:T1; drop --box");
            return AffineSlice.ParseSegment(segment, network.Inputs);
        }
        if (plane is not null)
        {
            if (box is null) throw new InvalidRequestException("--plane needs --box U0:U1,V0:V1 (the range of the plane's two parameters)");
            try
            {
                return (AffineSlice.ParsePlane(plane, network.Inputs), Box.Parse(box, 2));
            }
            catch (FormatException e)
            {
                throw new InvalidRequestException($"--box: {e.Message}");
            }
        }
        return (null, CommonOptions.ResolveBox(box, network));
    }

    private static void WriteText(TextWriter stdout, CountResult r, string? expected)
    {
        var kind = r.IsLowerBound ? "lower bound: distinct activation patterns seen" : $"exact: {DefinitionTable.Noun(r.Definition)}";
        stdout.WriteLine($"regions: {r.Regions} ({kind})");
        if (r.Estimate is { } e)
            stdout.WriteLine(Api.JobResponses.Line(Api.JobResponses.Estimate(e, r.Singletons, r.Doubletons)));
        if (expected is not null) stdout.WriteLine($"construction's count: {expected}");
        if (r.IsLowerBound)
        {
            var rate = r.Seconds > 0 ? r.Points / r.Seconds / 1e6 : 0;
            stdout.WriteLine($"points: {r.Points} in {r.Cells} cells, {r.Seconds:F2} s ({rate:F1} M points/s)");
        }
        else stdout.WriteLine($"cells: {r.Cells}, {r.Seconds:F2} s");
    }

    private static void WriteJson(TextWriter stdout, CountResult r, string box, string? expected, object? statistics = null)
    {
        var payload = new Dictionary<string, object?>
        {
            ["regions"] = r.Regions,
            ["method"] = r.Method.ToToken(),
            ["definition"] = r.Definition,
            ["lowerBound"] = r.IsLowerBound,
            ["points"] = r.Method == CountMethod.Exact ? null : r.Points,
            ["cells"] = r.Cells,
            ["seconds"] = Math.Round(r.Seconds, 6),
            ["box"] = box,
        };
        if (r.Estimate is { } e)
        {
            payload["estimate"] = new Dictionary<string, object>
            {
                ["method"] = "chao1",
                ["regions"] = Math.Round(e.Estimate, 3),
                ["lower95"] = Math.Round(e.Lower, 3),
                ["upper95"] = Math.Round(e.Upper, 3),
                ["seenOnce"] = r.Singletons,
                ["seenTwice"] = r.Doubletons,
            };
        }
        if (expected is not null) payload["expected"] = expected;
        if (statistics is not null) payload["statistics"] = statistics;
        stdout.WriteLine(JsonSerializer.Serialize(payload));
    }
}
