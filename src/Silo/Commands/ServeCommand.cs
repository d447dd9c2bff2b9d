using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Regions.Silo.Api;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>regions serve</c>: the HTTP/JSON API. Without --db it hosts a single in-process silo (localhost
/// clustering, jobs in memory); with --db it is an Orleans client of the cluster. Jobs go through the same grains.
/// </summary>
internal static class ServeCommand
{
    public const string TokenVariable = "REGIONS_TOKEN";

    public static Command Create()
    {
        var db = ClusterOptions.Db();
        var urls = new Option<string>("--urls") { Description = "Where to listen (';'-separated).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var token = new Option<string?>("--token") { Description = $"Bearer token required on every request (default: ${TokenVariable}); mandatory off loopback." };
        var threads = CommonOptions.Threads("Threads of the in-process silo");
        var syncTimeout = new Option<double>("--sync-timeout") { Description = "Seconds a synchronous POST /count may compute before it is stopped with 503.", DefaultValueFactory = _ => ServeOptions.DefaultSyncTimeout.TotalSeconds };
        var command = new Command("serve", "Serve the HTTP/JSON API (OpenAPI at /openapi/v1.json).");
        foreach (var option in new Option[] { db, urls, token, threads, syncTimeout }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = new ServeOptions(parse.GetValue(urls)!, parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable),
                parse.GetValue(db) ?? Environment.GetEnvironmentVariable(ClusterOptions.EnvironmentVariable), CommonOptions.Threads(parse, threads))
            {
                SyncTimeout = parse.GetValue(syncTimeout) is var seconds && double.IsFinite(seconds) && seconds > 0 && seconds <= 86_400
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new InvalidRequestException($"--sync-timeout must be between 0 and 86400 seconds, got {parse.GetValue(syncTimeout)}"),
            };
            if (string.IsNullOrWhiteSpace(options.Urls.Replace(";", "")))
                throw new InvalidRequestException("--urls: give at least one URL to listen on");
            if (!options.LoopbackOnly && string.IsNullOrEmpty(options.Token))
                throw new InvalidRequestException($"--urls {options.Urls} is not loopback-only: a bearer token is required (--token or ${TokenVariable})");
            var database = options.Db is null ? null : ClusterOptions.ConnectAsync(options.Db).GetAwaiter().GetResult();
            var app = ApiServer.Build(options, database);
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                throw new InvalidRequestException($"cannot listen on {options.Urls}: {e.Message}");
            }
            // Checked again on what was really bound, whatever configured it.
            if (string.IsNullOrEmpty(options.Token) && app.Urls.FirstOrDefault(url => !ServeOptions.IsLoopback(url)) is { } open)
            {
                app.StopAsync().GetAwaiter().GetResult();
                throw new InvalidRequestException($"the server would listen on {open}, beyond loopback: a bearer token is required (--token or ${TokenVariable})");
            }
            ViewWarmUp.Start(app.Lifetime.ApplicationStopping);
            parse.InvocationConfiguration.Error.WriteLine($"regions API on {string.Join(", ", app.Urls)} ({(database is null ? "in-process silo" : "client of the cluster")}); OpenAPI at /openapi/v1.json");
            app.WaitForShutdown();
            database?.Dispose();
            return Cli.Ok;
        });
        return command;
    }
}
