using System.CommandLine;
using System.Globalization;
using Regions.Kernel;
using Regions.Silo.Formatting;
using Regions.Theory.Bounds;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions bounds --inputs 2 --widths 4,4 [--rank K] [--outputs 1] [--json]</c>: every region-count
/// bound of the catalog for one architecture, exact, with its citation, or the reason it does not apply.
/// </summary>
internal static class BoundsCommand
{
    public static Command Create()
    {
        var inputs = new Option<int>("--inputs") { Description = "Number of inputs n0.", Required = true };
        var widths = new Option<string>("--widths") { Description = "Hidden layer widths n1,...,nL, comma separated (e.g. 4,4).", Required = true };
        var rank = new Option<int?>("--rank") { Description = "Maxout rank k (omit for relu units)." };
        var outputs = new Option<int>("--outputs") { Description = "Linear output units, for the parameter counts.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };

        var command = new Command("bounds", "Exact upper and lower bounds on the number of linear regions, with citations.");
        foreach (var option in new Option[] { inputs, widths, rank, outputs, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var net = new Architecture(parse.GetValue(inputs), ParseWidths(parse.GetValue(widths)), parse.GetValue(rank), parse.GetValue(outputs));
            var bounds = BoundCatalog.For(net);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) BoundsJson.Write(output, net, bounds);
            else BoundsTable.Write(output, net, bounds);
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>Comma-separated positive integers; ranges are checked by <see cref="Architecture"/>.</summary>
    internal static int[] ParseWidths(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidRequestException("--widths needs at least one width, e.g. --widths 4,4");
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]) || result[i] < 1)
                throw new InvalidRequestException($"--widths must be positive integers separated by commas, got '{parts[i]}'");
        }
        return result;
    }
}
