using System.CommandLine;

namespace Regions.Silo.Commands;

/// <summary>
/// The options by which every job verb (submit, status, result, cancel, jobs) chooses its <see cref="JobBackend"/>:
/// --db for the cluster database, or --server (with --token) for a running API server.
/// </summary>
internal sealed class JobBackendOptions
{
    private readonly Option<string?> db = ClusterOptions.Db();
    private readonly Option<string?> server = new("--server") { Description = "URL of a 'regions serve' API to use instead of --db." };
    private readonly Option<string?> token = new("--token") { Description = $"Bearer token for --server (default: ${ServeCommand.TokenVariable})." };

    /// <summary>Adds them before the verb's own options, so every job verb's help lists them first and alike.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { db, server, token }) command.Options.Add(option);
    }

    public JobBackend Open(ParseResult parse) => JobBackend.Open(parse.GetValue(db), parse.GetValue(server), parse.GetValue(token));
}
