using System.CommandLine;
using Regions.Silo.Reproduce;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions reproduce sinusoid [--fixtures DIR] [-o DIR]</c>: the appendix's sinusoidal-boundary experiment (Sec. 11 of
/// Montufar, Pascanu, Cho, Bengio 2014) from the committed networks and data: the table on stdout (units, parameters,
/// misclassified points, exact activation and linear regions in the data's box) and the figure, DIR/sinusoid.svg.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        // The experiment is an argument, not a nested verb, so a usage error points at `regions reproduce --help`.
        var experiment = new Argument<string>("experiment") { Description = "The experiment: sinusoid (Sec. 11 of the 2014 appendix: a shallow 1x20 and a deep 2x10 relu net on data split by a sinusoid)." };
        experiment.AcceptOnlyFromAmong("sinusoid");
        var fixtures = new Option<string?>("--fixtures") { Description = "Read the data, networks and manifest from this directory (what tools/sinusoid/make.py --out writes) instead of the copies embedded in regions." };
        var output = new Option<string>("--output", "-o") { Description = $"Existing directory to write the figure {SinusoidFigure.File} into.", DefaultValueFactory = _ => "." };
        var threads = CommonOptions.Threads("Worker threads of the exact counts");
        var command = new Command("reproduce", "Reproduce an experiment of the papers from the committed networks and data (no training, no torch): its table on stdout, its figure in -o.");
        command.Arguments.Add(experiment);
        foreach (var option in new Option[] { fixtures, output, threads }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(output)!;
            // Checked before the counts run, so a wrong directory costs nothing.
            if (!Directory.Exists(directory)) throw new Kernel.InvalidRequestException("output", $"{directory} is not an existing directory");
            using var files = SinusoidFixtures.Open(parse.GetValue(fixtures));
            var run = SinusoidExperiment.Run(files, CommonOptions.Threads(parse, threads));
            var figure = Path.Combine(directory, SinusoidFigure.File);
            SinusoidFigure.Write(figure, run);
            SinusoidTable.Write(parse.InvocationConfiguration.Output, run, figure);
            return Cli.Ok;
        });
        return command;
    }
}
