using System.CommandLine;
using Regions.Onnx;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions import model.onnx [-o net.json] [--input NAME] [--output NAME]</c>: writes an ONNX model (as PyTorch
/// exports it) as the <c>pwl-network/2</c> graph computing the same function (docs/onnx-import.md).
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "ONNX model file (.onnx)" };
        var input = new Option<string?>("--input") { HelpName = "name", Description = "The graph input to import from, when the graph has several" };
        var outputName = new Option<string?>("--output") { HelpName = "name", Description = "The graph output to import, when the graph has several" };
        var output = new Option<string?>("-o") { HelpName = "file", Description = "Write the network here (default: JSON on stdout)" };
        var budget = CommonOptions.Budget();

        var command = new Command("import", "Import an ONNX model as a pwl-network/2 graph (same function, same units, same regions).");
        command.Arguments.Add(model);
        foreach (var option in new Option[] { output, input, outputName, budget }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var limits = CommonOptions.Limits(parse, budget);
            var network = ModelFiles.Read(parse.GetValue(model)!, limits, new OnnxImportOptions(parse.GetValue(input), parse.GetValue(outputName)));
            var path = parse.GetValue(output);
            OutputFile.WriteNetwork(parse.InvocationConfiguration, network, path,
                () => $"{network.Describe()}, {network.PiecewiseUnits:N0} piecewise units, {network.ParameterCount:N0} parameters -> {path}");
            return Cli.Ok;
        });
        return command;
    }
}
