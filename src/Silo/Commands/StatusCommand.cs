using System.CommandLine;
using Regions.Grains.Embedded;

namespace Regions.Silo.Commands;

/// <summary><c>regions status JOB</c>: cells done, regions so far, silos working, ETA; <c>--watch</c> follows it to the end.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var backendOptions = new JobBackendOptions();
        var job = ClusterOptions.JobId();
        var watch = new Option<bool>("--watch") { Description = "Follow the job with a progress bar until it ends." };
        var json = CommonOptions.Json();
        var command = new Command("status", "Show how far a cluster job is.");
        command.Arguments.Add(job);
        backendOptions.AddTo(command);
        foreach (var option in new Option[] { watch, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            using var backend = backendOptions.Open(parse);
            var id = parse.GetValue(job);
            var status = backend.Get(id);
            if (parse.GetValue(watch))
            {
                var stderr = parse.InvocationConfiguration.Error;
                using var bar = ProgressBar.ForTerminal(stderr);
                while (status.State == "open")
                {
                    if (bar is null) stderr.WriteLine(JobReport.Line(status));
                    else bar.Report(new CountProgress(status.CellsDone, status.Cells, status.PointsDone ?? 0, status.Points ?? 0, status.DistinctSoFar));
                    Thread.Sleep(bar is null ? 2000 : 250);
                    status = backend.Get(id);
                }
            }
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? JobReport.Serialize(status) : JobReport.Line(status));
            return Cli.Ok;
        });
        return command;
    }
}
