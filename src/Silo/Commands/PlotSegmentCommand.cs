using System.CommandLine;
using Regions.Drawing;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions plot-segment --model M --segment P:D:T0:T1 [--output K|all] -o out.svg</c>: the network's outputs along a
/// segment (or the line through two data rows), drawn exactly from the 1-D enumeration, region boundaries marked.
/// </summary>
internal static class PlotSegmentCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Network file: pwl-network/1 or /2 JSON, or an ONNX model (told apart by the content).", Required = true };
        var segment = new Option<string?>("--segment") { Description = "The segment x = P + t D, t in [T0, T1], given as P:D:T0:T1 (P, D comma-separated)." };
        var data = new Option<string?>("--data") { Description = "The data file (CSV with an optional header, a 'label' column left out; or .npy) whose rows --segment-through names." };
        var segmentThrough = new Option<string?>("--segment-through") { Description = "Plot along the line through rows A,B of --data (row numbers from 0, or label=L; x = A + t (B - A)), t in [-0.25, 1.25]." };
        var which = new Option<string>("--output") { Description = "Output K to draw (from 0), or 'all' for every output.", DefaultValueFactory = _ => "0" };
        var maxRegions = new Option<int>("--max-regions") { Description = "Refuse segments with more regions than this (the plot would be unreadable and slow).", DefaultValueFactory = _ => 1_000_000 };
        // --output names the network's output here (as the issue asks), so the picture is -o alone.
        var file = new Option<string>("-o") { Description = "Picture to write: .svg or .png.", Required = true };
        var budget = CommonOptions.Budget();
        var command = new Command("plot-segment", "Plot the network's output(s) along a segment, exactly, with the region boundaries marked (SVG or PNG).");
        foreach (var option in new Option[] { model, segment, data, segmentThrough, which, maxRegions, file, budget }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var limits = CommonOptions.Limits(parse, budget);
            var path = parse.GetValue(file)!;
            // The format is known from the name alone, so a wrong one is refused before any work.
            // Said as -o: --output is the output index in this verb.
            var format = Path.GetExtension(path).ToLowerInvariant() is ".svg" or ".png" ? MapFormats.FromPath(path)
                : throw new InvalidRequestException($"-o: '{path}': unknown picture format '{Path.GetExtension(path)}'; use .svg or .png");
            var modelPath = parse.GetValue(model)!;
            var network = ModelFiles.Read(modelPath, limits);
            var outputs = Outputs(parse.GetValue(which)!, network.Outputs);
            if (parse.GetValue(maxRegions) < 1) throw new InvalidRequestException("max-regions", "must be at least 1");
            var through = DataSlices.Through(parse.GetValue(data), null, parse.GetValue(segmentThrough), network.Inputs, limits);
            var (slice, range) = through is not null
                ? DataSlices.Domain(through, parse.GetValue(segment), null)
                : Kernel.Geometry.AffineSlice.ParseSegment(parse.GetValue(segment)
                    ?? throw new InvalidRequestException("segment", "required: P:D:T0:T1, or --data with --segment-through A,B"), network.Inputs);
            var curves = SegmentPlot.Curves(network, slice, range, outputs, parse.GetValue(maxRegions))
                ?? throw new InvalidRequestException("max-regions", $"the segment has more than {parse.GetValue(maxRegions):N0} activation regions");
            var along = through is not null ? $"line through rows {parse.GetValue(segmentThrough)} of {Path.GetFileName(parse.GetValue(data))}, t in [-0.25, 1.25]" : SegmentPlot.Describe(slice, range);
            var title = $"{network.Name ?? Path.GetFileName(modelPath)}: {network.Describe()}\n{along}\n{curves.Regions:N0} activation regions (exact)";
            OutputFile.Write(path, stream => SegmentPlot.Write(stream, format, title, curves));
            parse.InvocationConfiguration.Output.WriteLine($"{path}: {format.ToString().ToUpperInvariant()}, {curves.Regions} activation regions (exact), {curves.Breakpoints.Count} breakpoints, output{(outputs.Count == 1 ? $" {outputs[0]}" : "s 0.." + (outputs.Count - 1))}");
            return Cli.Ok;
        });
        return command;
    }

    private static IReadOnlyList<int> Outputs(string text, int count)
    {
        if (text == "all") return Enumerable.Range(0, count).ToArray();
        if (!int.TryParse(text, out var k)) throw new InvalidRequestException("output", $"'{text}' is not an output index or 'all'");
        if (k < 0 || k >= count)
            throw new InvalidRequestException("output", $"output {k} is out of range: the network has {count} output{(count == 1 ? "" : "s")} (0..{count - 1})");
        return [k];
    }
}
