using System.CommandLine;
using System.Globalization;
using System.Text;
using Regions.Drawing;
using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Silo.Reproduce;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions templates --model M --data D --layer l [--units ...] [--rows ...] -o FILE</c>: Sec. 12 of the 2014 appendix.
/// For each chosen input x, the linear map u.x + c of each chosen unit of layer l on x's activation region; the
/// templates u are drawn in the input's shape (8x8 for the digits) beside the input, one tile per (input, unit).
/// </summary>
internal static class TemplatesCommand
{
    private const int DefaultCount = 8;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Network file: pwl-network/1 or /2 JSON, or an ONNX model (told apart by the content).", Required = true };
        var data = new Option<string>("--data") { Description = "The inputs: a CSV (optional header; a 'label' column names the rows) or .npy file, one input per row.", Required = true };
        var layer = new Option<int>("--layer") { Description = "The layer whose units' maps are drawn, 1..L (L: the output layer, whose units are the outputs).", Required = true };
        var units = new Option<string?>("--units") { Description = $"Comma-separated units of the layer, from 0 (default: the first {DefaultCount})." };
        var rows = new Option<string?>("--rows") { Description = $"Comma-separated rows of --data, from 0, or label=L for the first row labelled L (default: the first {DefaultCount})." };
        var output = new Option<string>("--output", "-o") { Description = "Picture to write: .svg or .png.", Required = true };
        var values = new Option<string?>("--values") { Description = "Also write the maps as CSV: row, label, unit, state, offset c, value at the input, then u." };
        var command = new Command("templates", "Draw the linear map of units of a layer on the regions of data points (u of u.x + c, in the input's shape), as the 2014 appendix's Sec. 12.");
        foreach (var option in new Option[] { model, data, layer, units, rows, output, values }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output)!;
            var format = MapFormats.FromPath(path);
            var limits = Kernel.Limits.ResourceLimits.Default;
            var modelPath = parse.GetValue(model)!;
            var network = ModelFiles.Read(modelPath, limits);
            var l = parse.GetValue(layer);
            // The layer first: the default units depend on its width.
            UnitTemplates.Check(network, l, []);
            var chosenLayer = network.Layers[l - 1];
            var chosenUnits = Indices(parse.GetValue(units), "units") ?? Enumerable.Range(0, Math.Min(DefaultCount, chosenLayer.Units)).ToArray();
            UnitTemplates.Check(network, l, chosenUnits);
            var dataPath = parse.GetValue(data)!;
            var table = DataFile.Read(dataPath, limits);
            var selection = parse.GetValue(rows) ?? string.Join(",", Enumerable.Range(0, Math.Min(DefaultCount, table.Rows.Count)));
            var inputs = DataFile.Rows(dataPath, selection, network.Inputs, limits);
            var names = selection.Split(',', StringSplitOptions.TrimEntries);

            var tiles = new List<IReadOnlyList<double[]>>();
            var csv = new StringBuilder("row,label,unit,state,offset,value," + string.Join(",", Enumerable.Range(0, network.Inputs).Select(i => $"u{i}")) + "\n");
            var distinct = chosenUnits.ToDictionary(u => u, _ => new HashSet<string>());
            var labels = new List<string>();
            for (var r = 0; r < inputs.Count; r++)
            {
                var x = inputs[r];
                var maps = RegionMaps.At(network, x);
                var label = Label(names[r], table);
                labels.Add(label is null ? $"row {names[r]}" : $"row {names[r]} ({label})");
                var row = new List<double[]>();
                foreach (var unit in chosenUnits)
                {
                    var map = UnitTemplates.Of(network, maps, l, unit);
                    row.Add(map.Gradient);
                    distinct[unit].Add(string.Join(",", map.Gradient.Select(g => g.ToString("R", CultureInfo.InvariantCulture))));
                    // A linear unit (or a carried row) has no state.
                    var state = chosenLayer.IsPiecewise && unit < chosenLayer.ActivationUnits ? network.Layout.State(maps.Pattern, l - 1, unit).ToString(CultureInfo.InvariantCulture) : "";
                    csv.Append(CultureInfo.InvariantCulture, $"{names[r]},{label},{unit},{state},{map.Offset:R},{map.At(x):R},");
                    csv.AppendJoin(",", map.Gradient.Select(g => g.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
                }
                tiles.Add(row);
            }

            var (h, w) = Shape(network.Inputs);
            var title = new List<string>
            {
                $"{Path.GetFileName(modelPath)}: {network.Describe()}",
                $"layer {l} of {network.Layers.Count} ({chosenLayer.Units} {chosenLayer.Activation.ToToken()} units): u of u.x + c, the unit's map on each input's region",
                "blue < 0 < red, each tile scaled by its largest |u|; input: white is its smallest value, black its largest",
            };
            var content = new TemplateGridContent(title, h, w, labels, chosenUnits.Select(u => $"unit {u}").ToArray(), inputs, tiles);
            OutputFile.Write(path, file => TemplateGrid.Write(file, format, content));
            if (parse.GetValue(values) is { } valuesPath) OutputFile.WriteText(valuesPath, csv.ToString());
            var distinctMaps = distinct.Values.Sum(s => s.Count);
            parse.InvocationConfiguration.Output.WriteLine(
                $"{path}: {inputs.Count} inputs x {chosenUnits.Length} units of layer {l} ({chosenLayer.Units} {chosenLayer.Activation.ToToken()} units), {h}x{w} templates; {distinctMaps} distinct maps of {inputs.Count * chosenUnits.Length}");
            return Cli.Ok;
        });
        return command;
    }

    /// <summary>The label of a row named by number or by label=L, when the file has labels.</summary>
    private static string? Label(string name, DataFile.Table table)
    {
        if (name.StartsWith("label=", StringComparison.Ordinal)) return name["label=".Length..];
        return table.Labels is { } labels && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < labels.Length ? labels[i] : null;
    }

    /// <summary>A square picture when the inputs are a square number (8x8 digits), else one strip.</summary>
    private static (int Height, int Width) Shape(int inputs)
    {
        var side = (int)Math.Round(Math.Sqrt(inputs));
        return side * side == inputs ? (side, side) : (1, inputs);
    }

    private static int[]? Indices(string? text, string option)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var indices = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out indices[i]))
                throw new InvalidRequestException(option, $"'{parts[i]}' is not a unit number (units are numbered from 0)");
        }
        return indices;
    }
}
