using System.CommandLine;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary><c>regions cancel JOB</c>: stop a job; silos drop its cells at their next heartbeat.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var backendOptions = new JobBackendOptions();
        var job = ClusterOptions.JobId();
        var command = new Command("cancel", "Cancel an open cluster job and free its cells.");
        command.Arguments.Add(job);
        backendOptions.AddTo(command);
        command.SetAction(parse =>
        {
            using var backend = backendOptions.Open(parse);
            var id = parse.GetValue(job);
            if (!backend.Cancel(id)) throw new InvalidRequestException($"job {id} is already {backend.Get(id).State}");
            parse.InvocationConfiguration.Output.WriteLine($"job {id} cancelled");
            return Cli.Ok;
        });
        return command;
    }
}
