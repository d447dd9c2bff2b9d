using System.CommandLine;
using Regions.Grains.Jobs;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary><c>regions result JOB</c>: the merged count of a finished job; exit code 3 while it is unfinished.</summary>
internal static class ResultCommand
{
    public const int Unfinished = 3;

    public static Command Create()
    {
        var backendOptions = new JobBackendOptions();
        var job = ClusterOptions.JobId();
        var json = CommonOptions.Json();
        var command = new Command("result", "Print the region count of a finished cluster job (exit code 3 while it is unfinished).");
        command.Arguments.Add(job);
        backendOptions.AddTo(command);
        foreach (var option in new Option[] { json }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            using var backend = backendOptions.Open(parse);
            var status = backend.Get(parse.GetValue(job));
            if (status.State is "cancelled" or "failed")
                throw new InvalidRequestException($"job {status.Id} was {status.State}{(status.Error is null ? "" : $": {status.Error}")}; it has no result");
            if (status.State != "done")
            {
                parse.InvocationConfiguration.Error.WriteLine($"regions: job {status.Id} is not finished ({status.State}, {status.CellsDone}/{status.Cells} cells)");
                return Unfinished;
            }
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JobReport.Serialize(status));
                return Cli.Ok;
            }
            var kind = status.LowerBound == true ? "lower bound: distinct activation patterns seen" : $"exact: {status.Definition} regions";
            stdout.WriteLine($"regions: {status.Regions} ({kind})");
            if (status.Estimate is { } e)
                stdout.WriteLine(Api.JobResponses.Line(e));
            var seconds = status.FinishedAt is { } end ? (end - status.CreatedAt).TotalSeconds : double.NaN;
            stdout.WriteLine(status.Method == CountMethod.Exact.ToToken()
                ? $"cells: {status.Cells}, {seconds:F2} s from submission"
                : $"points: {status.PointsDone} in {status.Cells} cells, {seconds:F2} s from submission");
            return Cli.Ok;
        });
        return command;
    }
}
