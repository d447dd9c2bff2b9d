using System.CommandLine;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary><c>regions jobs</c>: the most recent cluster jobs, newest first.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var backendOptions = new JobBackendOptions();
        var limit = new Option<int>("--limit") { Description = "How many jobs to list.", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var command = new Command("jobs", "List cluster jobs.");
        backendOptions.AddTo(command);
        foreach (var option in new Option[] { limit, json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(limit) < 1) throw new InvalidRequestException("--limit must be at least 1");
            using var backend = backendOptions.Open(parse);
            var jobs = backend.List(parse.GetValue(limit));
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) stdout.WriteLine(JobReport.Serialize(jobs));
            else foreach (var job in jobs) stdout.WriteLine(JobReport.Line(job));
            return Cli.Ok;
        });
        return command;
    }
}
