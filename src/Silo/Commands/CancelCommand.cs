using System.CommandLine;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary><c>regions cancel JOB</c>: stop a job; silos drop its cells at their next heartbeat.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var server = JobBackend.Server();
        var token = JobBackend.Token();
        var job = ClusterOptions.JobId();
        var command = new Command("cancel", "Cancel an open cluster job and free its cells.");
        command.Arguments.Add(job);
        foreach (var option in new Option[] { db, server, token }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            using var backend = JobBackend.Open(parse, db, server, token);
            var id = parse.GetValue(job);
            if (!backend.Cancel(id)) throw new InvalidRequestException($"job {id} is already {backend.Get(id).State}");
            parse.InvocationConfiguration.Output.WriteLine($"job {id} cancelled");
            return Cli.Ok;
        });
        return command;
    }
}
