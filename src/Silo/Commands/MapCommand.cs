using System.CommandLine;
using Regions.Drawing;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions map</c>: the exact regions of a network on a plane, drawn as SVG or PNG (told by the extension of -o):
/// each region a polygon coloured by its pattern, the boundaries, optionally the zero set of an output, axes in
/// (u, v) and a title with the exact count. Over the region budget it says so and draws sampled pixels instead.
/// </summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Network file: pwl-network/1 or /2 JSON, or an ONNX model (told apart by the content).", Required = true };
        var box = new Option<string?>("--box") { Description = "U0:U1,V0:V1 of the picture (default: the model's meta.domain, first two axes; through data: -0.25:1.25,-0.25:1.25)." };
        var origin = new Option<string?>("--origin") { Description = "Slice origin (comma-separated, one per input; default 0)." };
        var u = new Option<string?>("--u") { Description = "First slice direction (default: e1)." };
        var v = new Option<string?>("--v") { Description = "Second slice direction (default: e2)." };
        var data = new Option<string?>("--data") { Description = "The data file (CSV with an optional header, a 'label' column left out; or .npy) whose rows --plane-through names." };
        var planeThrough = new Option<string?>("--plane-through") { Description = "Draw the plane through rows A,B,C of --data (row numbers from 0, or label=L; x = A + u (B - A) + v (C - A))." };
        var definition = new Option<string>("--definition") { Description = "activation (default): one polygon per activation region; linear: adjacent regions with equal output maps merged.", DefaultValueFactory = _ => "activation" };
        definition.AcceptOnlyFromAmong("activation", "linear");
        var layer = new Option<int?>("--layer") { Description = "Colour by the pattern of layers 1..L only and draw only the boundaries their units make (the regions after layer L)." };
        var boundary = new Option<int?>("--boundary") { Description = "Draw the zero level set of output K (default 0): the decision boundary, exact within each region.", Arity = ArgumentArity.ZeroOrOne };
        var colour = new Option<string>("--colour") { Description = "pattern (default): a hash of the region's pattern; gradient: the direction of output K's gradient in (u, v) as hue (K: --boundary's output, else 0), saturation by its magnitude relative to the largest; area: the region's area on a log scale (viridis, brighter is bigger).", DefaultValueFactory = _ => "pattern" };
        colour.AcceptOnlyFromAmong("pattern", "gradient", "area");
        var size = new Option<string>("--size") { Description = "WIDTHxHEIGHT in pixels (of the PNG; of the SVG's canvas).", DefaultValueFactory = _ => "800x800" };
        var maxRegions = new Option<int>("--max-regions") { Description = "Drawing budget: above this many activation regions, draw sampled pixels (a lower bound) instead.", DefaultValueFactory = _ => 200_000 };
        var output = new Option<string>("--output", "-o") { Description = "Picture to write: .svg (vector) or .png.", Required = true };
        var budget = CommonOptions.Budget();
        var command = new Command("map", "Draw the exact regions of a network on a plane (one colour per pattern, axes, the exact count) as SVG or PNG.");
        foreach (var option in new Option[] { model, box, origin, u, v, data, planeThrough, definition, layer, boundary, colour, size, maxRegions, output, budget }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var limits = CommonOptions.Limits(parse, budget);
            var path = parse.GetValue(output)!;
            // The format is known from the name alone, so a wrong one is refused before any work.
            var format = MapFormats.FromPath(path);
            var (width, height) = Size(parse.GetValue(size)!);
            var modelPath = parse.GetValue(model)!;
            var network = ModelFiles.Read(modelPath, limits);
            // One thread enumerates (or, over the budget, evaluates pixels): the network, its rescaled copy and scratch.
            var bytes = Kernel.Limits.MemoryEstimate.Bytes(network, sampling: true, threads: 1);
            limits.Check(bytes, "memory", () => $"map needs an estimated {Kernel.Limits.ResourceLimits.Bytes(bytes)}");
            if (network.Inputs < 2) throw new InvalidRequestException("a map needs two directions: the network has one input");
            var partition = new MapPartition(parse.GetValue(definition) == "linear", parse.GetValue(layer)).CheckedFor(network);
            int? zeroOf = parse.GetResult(boundary) is null ? null : parse.GetValue(boundary) ?? 0;
            if (zeroOf is { } k && (k < 0 || k >= network.Outputs))
                throw new InvalidRequestException("boundary", $"output {k} is out of range: the network has {network.Outputs} output{(network.Outputs == 1 ? "" : "s")} (0..{network.Outputs - 1})");
            if (parse.GetValue(maxRegions) < 1) throw new InvalidRequestException("max-regions", "must be at least 1");
            var plane = MapPlane.From(network, parse.GetValue(box), parse.GetValue(origin), parse.GetValue(u), parse.GetValue(v),
                parse.GetValue(data), parse.GetValue(planeThrough), limits);

            var stdout = parse.InvocationConfiguration.Output;
            var title = new List<string> { $"{network.Name ?? Path.GetFileName(modelPath)}: {network.Describe()}", $"slice: {plane.Description}" };
            MapContent content;
            var regions = PlaneRegions.Enumerate(network, plane.Slice, plane.Box, partition, parse.GetValue(maxRegions));
            string summary;
            if (regions is not null)
            {
                var zero = zeroOf is { } z ? ZeroSet.Of(regions.Regions, z) : [];
                title.Add($"{regions.Count:N0} {partition.Describe()} (exact){(zeroOf is { } zk ? $"; red: output {zk} = 0" : "")}");
                var mode = Enum.Parse<MapColouring>(parse.GetValue(colour)!, ignoreCase: true);
                // On the count's line: the title has room for three lines above the plot.
                if (mode == MapColouring.Gradient) title[^1] += $"; colour: gradient of output {zeroOf ?? 0} (hue: direction)";
                if (mode == MapColouring.Area) title[^1] += "; colour: log area (brighter is bigger)";
                content = new MapContent(plane.Box, title, regions.Regions, null, BoundaryTracer.Trace(regions.Regions, plane.Box), zero)
                {
                    Marks = plane.Marks,
                    Colours = mode == MapColouring.Pattern ? null : RegionColours.Of(regions.Regions, mode, zeroOf ?? 0),
                };
                summary = $"{regions.Count} {partition.Describe()} (exact){(zeroOf is { } zs ? $", zero set of output {zs}: {zero.Count} segments" : "")}";
            }
            else
            {
                // Over the budget the exact picture would take too long and too much memory: sampled pixels, said as such.
                stdout.WriteLine($"more than {parse.GetValue(maxRegions):N0} activation regions on this plane (--max-regions): drawing sampled pixels instead, a lower bound, without --boundary, --layer, --colour or --definition linear");
                var (plotWidth, plotHeight) = MapPicture.PlotSize(width, height);
                var b = plane.Box;
                var picture = RegionMap.Render(network, new PlaneSlice(plane.Slice.Origin, plane.Slice.Directions[0], plane.Slice.Directions[1], b.Lower[0], b.Upper[0], b.Lower[1], b.Upper[1]), plotWidth, plotHeight);
                title.Add($"at least {picture.DistinctPatterns:N0} activation regions (sampled pixels, a lower bound)");
                content = new MapContent(plane.Box, title, null, picture, [], []) { Marks = plane.Marks };
                summary = $"{picture.DistinctPatterns} activation regions seen by the pixels (a lower bound)";
            }
            OutputFile.Write(path, file => MapPicture.Write(file, format, width, height, content));
            stdout.WriteLine($"{path}: {width}x{height} {format.ToString().ToUpperInvariant()}, {summary}");
            return Cli.Ok;
        });
        return command;
    }

    private static (int Width, int Height) Size(string text)
    {
        var dimensions = text.Split('x');
        if (dimensions.Length != 2 || !int.TryParse(dimensions[0], out var width) || !int.TryParse(dimensions[1], out var height))
            throw new InvalidRequestException("--size must be WIDTHxHEIGHT, e.g. 800x800");
        if (width < MapPicture.MinWidth || height < MapPicture.MinHeight || width > MapPicture.MaxSide || height > MapPicture.MaxSide)
            throw new InvalidRequestException("size", $"{width}x{height} is outside {MapPicture.MinWidth}x{MapPicture.MinHeight} .. {MapPicture.MaxSide}x{MapPicture.MaxSide}");
        return (width, height);
    }
}
