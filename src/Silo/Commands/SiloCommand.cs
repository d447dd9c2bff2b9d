using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Regions.Cluster.Hosting;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions silo</c>: an Orleans silo of the cluster whose membership and jobs are in the PostgreSQL of
/// --db. It runs cells, holds pattern shards and job grains, and resumes open jobs; Ctrl+C or SIGTERM leaves
/// the cluster in order (its grains move to the other silos), SIGKILL is survived by the others.
/// </summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var threads = CommonOptions.Threads("Cells computed at once");
        var name = new Option<string?>("--name") { Description = "Silo name shown in membership and the dashboard (default: host-pid)." };
        var port = new Option<int?>("--port") { Description = "Silo-to-silo port (default: a free port, recorded in membership)." };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Port clients connect to (default: a free port, recorded in membership)." };
        var advertise = new Option<string?>("--advertise") { Description = "IP address other machines reach this silo at (default: 127.0.0.1, one machine)." };
        var dashboard = new Option<int?>("--dashboard") { Description = "Serve the Orleans Dashboard on http://127.0.0.1:PORT." };
        var command = new Command("silo", "Run a silo of the cluster: compute cells, hold pattern shards, resume open jobs.");
        foreach (var option in new Option[] { db, threads, name, port, gatewayPort, advertise, dashboard }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            foreach (var p in new[] { parse.GetValue(port), parse.GetValue(gatewayPort), parse.GetValue(dashboard) })
            {
                if (p is < 1 or > 65535) throw new InvalidRequestException($"port {p} is not in [1, 65535]");
            }
            var database = ClusterOptions.ConnectAsync(parse.GetValue(db)).GetAwaiter().GetResult();
            var endpoints = SiloEndpoints.Choose(parse.GetValue(advertise), parse.GetValue(port), parse.GetValue(gatewayPort));
            var siloName = parse.GetValue(name) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
            var dashboardPort = parse.GetValue(dashboard);

            IHostApplicationBuilder builder = dashboardPort is null ? Host.CreateApplicationBuilder() : WebApplication.CreateSlimBuilder();
            if (builder is WebApplicationBuilder web) web.WebHost.UseUrls($"http://127.0.0.1:{dashboardPort}");
            SiloLogging.Configure(builder.Logging);
            builder.UseOrleans(silo =>
            {
                silo.UseRegionsCluster(database, endpoints, CommonOptions.Threads(parse, threads));
                silo.Configure<SiloOptions>(o => o.SiloName = siloName);
                if (dashboardPort is not null) silo.AddDashboard();
            });
            using IHost host = builder is WebApplicationBuilder w ? MapDashboard(w.Build()) : ((HostApplicationBuilder)builder).Build();
            host.Start();
            parse.InvocationConfiguration.Error.WriteLine(
                $"silo {siloName} joined cluster '{ClusterHosting.ClusterId}' at {endpoints.Advertise}: silo port {endpoints.SiloPort}, gateway port {endpoints.GatewayPort}, {CommonOptions.Threads(parse, threads)} threads" +
                (dashboardPort is null ? "" : $", dashboard http://127.0.0.1:{dashboardPort}/"));
            host.WaitForShutdown();
            database.Dispose();
            return Cli.Ok;
        });
        return command;
    }

    private static WebApplication MapDashboard(WebApplication app)
    {
        app.MapOrleansDashboard();
        return app;
    }
}
