using System.CommandLine;
using System.Globalization;
using Regions.Kernel;
using Regions.Theory.Constructions;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions construct NAME --inputs N [--widths a,b,...] [--rank K] [--seed S] [-o net.json]</c>: writes one of the
/// papers' explicit networks as a <c>pwl-network/1</c> file whose meta records the expected region counts and domain.
/// </summary>
internal static class ConstructCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = $"Construction: {string.Join(", ", NetworkConstructions.Names)}" };
        var inputs = new Option<int>("--inputs") { Description = "Input dimension n0", Required = true };
        var widths = new Option<string?>("--widths") { Description = "Hidden widths, comma separated (e.g. 4,4,4)" };
        var rank = new Option<int?>("--rank") { Description = "Maxout rank (maxout, maxout-rotation, shi, catalan; optional for random, which is relu without it)" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the network here (default: JSON on stdout)" };

        var command = new Command("construct", "Write an explicit network from the papers, with its expected region counts in meta.");
        command.Arguments.Add(name);
        command.Options.Add(inputs);
        command.Options.Add(widths);
        command.Options.Add(rank);
        command.Options.Add(seed);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            var request = new ConstructionRequest(
                parseResult.GetValue(inputs),
                ParseWidths(parseResult.GetValue(widths)),
                parseResult.GetValue(rank),
                parseResult.GetValue(seed));
            var network = NetworkConstructions.Build(parseResult.GetValue(name)!, request);
            var path = parseResult.GetValue(output);
            OutputFile.WriteNetwork(parseResult.InvocationConfiguration, network, path, () => Summary(network, path!));
            return Cli.Ok;
        });
        return command;
    }

    private static IReadOnlyList<int>? ParseWidths(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]))
                throw new InvalidRequestException($"--widths '{text}': '{parts[i]}' is not a positive integer");
        }
        return widths;
    }

    private static string Summary(Kernel.Model.Network network, string path)
    {
        var meta = network.Meta!;
        var activation = meta["expectedActivationRegions"]!.ToString();
        var counts = activation == "unknown"
            ? "no expected count"
            : $"expected {activation} activation regions, {meta["expectedLinearRegions"]} linear regions";
        return $"{meta["construction"]}: {network.Describe()}, {counts}, domain {meta["domain"]!["box"]} -> {path}";
    }
}
