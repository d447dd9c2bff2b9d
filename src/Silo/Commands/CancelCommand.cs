using System.CommandLine;
using Regions.Cluster.Jobs;

namespace Regions.Silo.Commands;

/// <summary><c>regions cancel JOB</c>: stop a job; silos drop its cells at their next heartbeat.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var job = ClusterOptions.JobId();
        var command = new Command("cancel", "Cancel an open cluster job and free its cells.");
        command.Arguments.Add(job);
        command.Options.Add(db);
        command.SetAction(parse =>
        {
            using var database = ClusterOptions.ConnectAsync(parse.GetValue(db)).GetAwaiter().GetResult();
            var store = new JobStore(database);
            var id = parse.GetValue(job);
            if (store.CancelAsync(id).GetAwaiter().GetResult())
            {
                parse.InvocationConfiguration.Output.WriteLine($"job {id} cancelled");
                return Cli.Ok;
            }
            var status = StatusCommand.Fetch(store, id);
            throw new UsageException($"job {id} is already {status.State}");
        });
        return command;
    }
}
