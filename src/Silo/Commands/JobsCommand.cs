using System.CommandLine;
using Regions.Cluster.Jobs;

namespace Regions.Silo.Commands;

/// <summary><c>regions jobs</c>: the most recent cluster jobs, newest first.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var limit = new Option<int>("--limit") { Description = "How many jobs to list.", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var command = new Command("jobs", "List cluster jobs.");
        foreach (var option in new Option[] { db, limit, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(limit) < 1) throw new UsageException("--limit must be at least 1");
            using var database = ClusterOptions.ConnectAsync(parse.GetValue(db)).GetAwaiter().GetResult();
            var jobs = new JobStore(database).ListAsync(parse.GetValue(limit)).GetAwaiter().GetResult();
            var now = DateTimeOffset.UtcNow;
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) stdout.WriteLine(JobReport.Serialize(jobs.Select(j => JobReport.Json(j, now))));
            else foreach (var job in jobs) stdout.WriteLine(JobReport.Line(job, now));
            return Cli.Ok;
        });
        return command;
    }
}
