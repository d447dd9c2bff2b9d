using System.CommandLine;
using Regions.Cluster.Jobs;
using Regions.Grains.Embedded;

namespace Regions.Silo.Commands;

/// <summary><c>regions status JOB</c>: cells done, regions so far, silos working, ETA; <c>--watch</c> follows it to the end.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var job = ClusterOptions.JobId();
        var watch = new Option<bool>("--watch") { Description = "Follow the job with a progress bar until it ends." };
        var json = CommonOptions.Json();
        var command = new Command("status", "Show how far a cluster job is.");
        command.Arguments.Add(job);
        foreach (var option in new Option[] { db, watch, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            using var database = ClusterOptions.ConnectAsync(parse.GetValue(db)).GetAwaiter().GetResult();
            var store = new JobStore(database);
            var id = parse.GetValue(job);
            var stdout = parse.InvocationConfiguration.Output;
            var status = Fetch(store, id);
            if (parse.GetValue(watch))
            {
                using (var bar = ProgressBar.ForTerminal(parse.InvocationConfiguration.Error))
                {
                    while (status.State == "open")
                    {
                        bar?.Report(new CountProgress(status.CellsDone, status.Cells, status.PointsDone, status.Points, status.DistinctSoFar));
                        if (bar is null) parse.InvocationConfiguration.Error.WriteLine(JobReport.Line(status, DateTimeOffset.UtcNow));
                        Thread.Sleep(bar is null ? 2000 : 250);
                        status = Fetch(store, id);
                    }
                }
            }
            stdout.WriteLine(parse.GetValue(json) ? JobReport.Serialize(JobReport.Json(status, DateTimeOffset.UtcNow)) : JobReport.Line(status, DateTimeOffset.UtcNow));
            return Cli.Ok;
        });
        return command;
    }

    internal static JobStatus Fetch(JobStore store, long id) =>
        store.StatusAsync(id).GetAwaiter().GetResult() ?? throw new UsageException($"there is no job {id}");
}
