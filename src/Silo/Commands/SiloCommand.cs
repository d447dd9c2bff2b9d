using System.CommandLine;
using System.Runtime.InteropServices;
using Regions.Cluster.Silos;

namespace Regions.Silo.Commands;

/// <summary><c>regions silo</c>: a long-running cluster worker; Ctrl+C or SIGTERM returns its leases and exits.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var threads = new Option<int>("--threads") { Description = "Cells computed at once (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var name = new Option<string?>("--name") { Description = "Name in the membership table (default: host-pid)." };
        var lease = new Option<double>("--lease-seconds") { Description = "Lease length; a dead silo's cells are retaken after it.", DefaultValueFactory = _ => 15 };
        var exitWhenIdle = new Option<bool>("--exit-when-idle") { Description = "Exit when no open job is left." };
        var command = new Command("silo", "Run a cluster worker: lease cells of open jobs from PostgreSQL, compute them, merge their patterns.");
        foreach (var option in new Option[] { db, threads, name, lease, exitWhenIdle }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            if (parse.GetValue(threads) < 1) throw new UsageException("--threads must be at least 1");
            if (!(parse.GetValue(lease) >= 1)) throw new UsageException("--lease-seconds must be at least 1");
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            var database = ClusterOptions.ConnectAsync(parse.GetValue(db)).GetAwaiter().GetResult();
            var leaseTime = TimeSpan.FromSeconds(parse.GetValue(lease));
            var options = new SiloOptions(parse.GetValue(name) ?? SiloOptions.DefaultName(), parse.GetValue(threads))
            {
                Lease = leaseTime,
                Heartbeat = TimeSpan.FromSeconds(Math.Max(0.2, leaseTime.TotalSeconds / 5)),
                ExitWhenIdle = parse.GetValue(exitWhenIdle),
            };
            new SiloWorker(database, options, parse.InvocationConfiguration.Error).RunAsync(stop.Token).GetAwaiter().GetResult();
            database.Dispose();
            return Cli.Ok;
        });
        return command;
    }
}
