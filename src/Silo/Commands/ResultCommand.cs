using System.CommandLine;
using Regions.Cluster.Jobs;

namespace Regions.Silo.Commands;

/// <summary><c>regions result JOB</c>: the merged count of a finished job; exit code 3 while it is unfinished.</summary>
internal static class ResultCommand
{
    public const int Unfinished = 3;

    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var job = ClusterOptions.JobId();
        var json = CommonOptions.Json();
        var command = new Command("result", "Print the region count of a finished cluster job (exit code 3 while it runs).");
        command.Arguments.Add(job);
        foreach (var option in new Option[] { db, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            using var database = ClusterOptions.ConnectAsync(parse.GetValue(db)).GetAwaiter().GetResult();
            var status = StatusCommand.Fetch(new JobStore(database), parse.GetValue(job));
            var now = DateTimeOffset.UtcNow;
            if (!status.IsFinished)
            {
                parse.InvocationConfiguration.Error.WriteLine($"regions: job {status.Id} is not finished ({status.State}, {status.CellsDone}/{status.Cells} cells)");
                return Unfinished;
            }
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JobReport.Serialize(JobReport.Json(status, now)));
            }
            else
            {
                var kind = status.Method == "sample" ? "lower bound: distinct activation patterns seen" : "exact";
                stdout.WriteLine($"regions: {status.Regions} ({kind})");
                stdout.WriteLine($"points: {status.PointsDone} in {status.Cells} cells, {(status.FinishedAt!.Value - status.CreatedAt).TotalSeconds:F2} s from submission");
            }
            return Cli.Ok;
        });
        return command;
    }
}
