using System.CommandLine;
using System.Numerics;
using Regions.Drawing;
using Regions.Kernel;
using Regions.Theory.Bounds;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions plot --inputs N --width W --layers L [--rank K] -o growth.svg</c>: how every bound of the
/// catalog grows with depth at fixed width, on a log axis, as SVG - the papers' deep-versus-shallow picture.
/// </summary>
internal static class PlotCommand
{
    public const int MaxLayers = 200;

    public static Command Create()
    {
        var inputs = new Option<int>("--inputs") { Description = "Number of inputs n0.", Required = true };
        var width = new Option<int>("--width") { Description = "Units in every hidden layer.", Required = true };
        var layers = new Option<int>("--layers") { Description = $"Plot depths 1..L (at most {MaxLayers}).", DefaultValueFactory = _ => 10 };
        var rank = new Option<int?>("--rank") { Description = "Maxout rank k (omit for relu units)." };
        var output = new Option<string>("--output", "-o") { Description = "SVG file to write.", Required = true };
        var command = new Command("plot", "Plot every region bound against depth at fixed width (log scale, SVG).");
        foreach (var option in new Option[] { inputs, width, layers, rank, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var depth = parse.GetValue(layers);
            if (depth < 1 || depth > MaxLayers) throw new InvalidRequestException($"--layers must be between 1 and {MaxLayers}, got {depth}");
            var series = Series(parse.GetValue(inputs), parse.GetValue(width), depth, parse.GetValue(rank));
            var unit = parse.GetValue(rank) is { } k ? $"maxout rank {k}" : "relu";
            var title = $"Region bounds, n0 = {parse.GetValue(inputs)}, width {parse.GetValue(width)} ({unit})";
            var path = parse.GetValue(output)!;
            OutputFile.WriteText(path, LogPlot.Svg(title, "hidden layers L", series));
            parse.InvocationConfiguration.Error.WriteLine($"{path}: {series.Count} bounds over depths 1..{depth}");
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>One series per region bound (counts and ratios left out), in catalog order.</summary>
    internal static IReadOnlyList<PlotSeries> Series(int inputs, int width, int depth, int? rank)
    {
        var byId = new Dictionary<string, (string Label, bool Upper, List<(int, BigInteger)> Points)>();
        var order = new List<string>();
        for (var l = 1; l <= depth; l++)
        {
            foreach (var bound in BoundCatalog.For(inputs, Enumerable.Repeat(width, l).ToArray(), rank))
            {
                if (bound.Kind is BoundKind.Count or BoundKind.Ratio || bound.Value is not { } value) continue;
                if (!byId.TryGetValue(bound.Id, out var entry))
                {
                    var kind = bound.Kind.ToString().ToLowerInvariant();
                    var label = bound.Subject == BoundSubject.Network ? $"{bound.Id} ({kind})" : $"shallow, same units ({kind})";
                    entry = (label, bound.Kind == BoundKind.Upper, []);
                    byId[bound.Id] = entry;
                    order.Add(bound.Id);
                }
                entry.Points.Add((l, value));
            }
        }
        return order.Select(id => new PlotSeries(byId[id].Label, byId[id].Points, Dashed: byId[id].Upper)).ToArray();
    }
}
