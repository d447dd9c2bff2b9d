using System.CommandLine;
using System.Text.Json;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;

namespace Regions.Silo.Commands;

/// <summary><c>regions count</c>: count the regions of a network in a box on the embedded silo.</summary>
internal static class CountCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Network file (pwl-network/1 JSON).", Required = true };
        var box = new Option<string?>("--box") { Description = "Domain LO:HI[,LO:HI...]; one side applies to every input. Default: the model's meta.domain." };
        var method = new Option<string>("--method") { Description = "sample (lower bound) or exact.", DefaultValueFactory = _ => "sample" };
        method.AcceptOnlyFromAmong("sample", "exact");
        var points = new Option<long>("--points") { Description = "Sample points in total.", DefaultValueFactory = _ => 1_000_000 };
        var cells = new Option<int>("--cells") { Description = "Cells the domain is split into (units of work).", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sample points.", DefaultValueFactory = _ => 0UL };
        var sampler = new Option<string>("--sampler") { Description = "random (seeded uniform) or lattice (shifted R_d lattice).", DefaultValueFactory = _ => "random" };
        sampler.AcceptOnlyFromAmong("random", "lattice");
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores).", DefaultValueFactory = _ => 0 };
        var definition = new Option<string>("--definition") { Description = "activation (default) or linear regions.", DefaultValueFactory = _ => "activation" };
        definition.AcceptOnlyFromAmong("activation", "linear");
        var json = CommonOptions.Json();

        var command = new Command("count", "Count the regions of a network in a box (sampling gives a lower bound).");
        foreach (var option in new Option[] { model, box, method, points, cells, seed, sampler, threads, definition, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var network = NetworkReader.Load(parse.GetValue(model)!);
            var domain = CommonOptions.ResolveBox(parse.GetValue(box), network);
            var countMethod = parse.GetValue(method) == "exact" ? CountMethod.Exact : CountMethod.Sample;
            if (countMethod == CountMethod.Sample && parse.GetValue(definition) == "linear")
                throw new UsageException("--definition linear needs --method exact (samples cannot tell which regions are adjacent)");
            if (parse.GetValue(threads) < 0) throw new UsageException("--threads must be positive");
            var job = new CountJob(network, domain, countMethod, parse.GetValue(points), parse.GetValue(cells), parse.GetValue(seed),
                parse.GetValue(sampler) == "lattice" ? SamplerKind.Lattice : SamplerKind.Random);

            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            CountResult result;
            using (var bar = ProgressBar.ForTerminal(stderr))
            {
                result = EmbeddedRunner.Run(job, parse.GetValue(threads), bar is null ? null : bar.Report);
            }
            var expected = network.Meta?["expectedActivationRegions"]?.ToString();
            if (parse.GetValue(json)) WriteJson(stdout, result, domain.ToString(), expected);
            else WriteText(stdout, result, expected);
            return Cli.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter stdout, CountResult r, string? expected)
    {
        var kind = r.IsLowerBound ? "lower bound: distinct activation patterns seen" : $"exact {r.Definition} regions";
        stdout.WriteLine($"regions: {r.Regions} ({kind})");
        if (r.Estimate is { } e)
            stdout.WriteLine($"estimate: {e.Estimate:F1} (Chao1, 95% interval {e.Lower:F1} to {e.Upper:F1}; patterns seen once {r.Singletons}, twice {r.Doubletons})");
        if (expected is not null) stdout.WriteLine($"construction's count: {expected}");
        var rate = r.Seconds > 0 ? r.Points / r.Seconds / 1e6 : 0;
        stdout.WriteLine($"points: {r.Points} in {r.Cells} cells, {r.Seconds:F2} s ({rate:F1} M points/s)");
    }

    private static void WriteJson(TextWriter stdout, CountResult r, string box, string? expected)
    {
        var payload = new Dictionary<string, object?>
        {
            ["regions"] = r.Regions,
            ["method"] = r.Method == CountMethod.Exact ? "exact" : "sample",
            ["definition"] = r.Definition,
            ["lowerBound"] = r.IsLowerBound,
            ["points"] = r.Points,
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
        stdout.WriteLine(JsonSerializer.Serialize(payload));
    }
}
