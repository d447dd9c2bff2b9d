using System.CommandLine;
using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Format;

namespace Regions.Silo.Commands;

/// <summary><c>regions submit</c>: store a counting job for the cluster; the job id is the last line of stdout.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var backendOptions = new JobBackendOptions();
        var job = new JobOptions();
        var command = new Command("submit", "Submit a counting job to the cluster; prints the job id.");
        backendOptions.AddTo(command);
        foreach (var option in job.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (job.AllDefinitions(parse)) throw new InvalidRequestException("--definition all is for regions count; a job counts one definition");
            var limits = job.Limits(parse);
            var network = ModelFiles.Read(parse.GetValue(job.Model)!, limits);
            var domain = CommonOptions.ResolveBox(parse.GetValue(job.Box), network);
            var submitted = job.Job(parse, network, domain, limits).Validated().Distributable();
            using var backend = backendOptions.Open(parse);
            var status = backend.Submit(submitted);
            parse.InvocationConfiguration.Error.WriteLine($"submitted job {status.Id}: {network.Describe()} in {domain}, {submitted.Cells} cells, {(submitted.Method == CountMethod.Exact ? "exact" : $"{submitted.Points} points")}");
            parse.InvocationConfiguration.Output.WriteLine(status.Id);
            return Cli.Ok;
        });
        return command;
    }
}
