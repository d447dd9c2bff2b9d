using System.CommandLine;
using Npgsql;
using Regions.Cluster;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>The --db option shared by the cluster verbs (falls back to the REGIONS_DB environment variable).</summary>
internal static class ClusterOptions
{
    public const string EnvironmentVariable = "REGIONS_DB";

    public static Option<string?> Db() => new("--db")
    {
        Description = $"PostgreSQL connection string, e.g. \"Host=127.0.0.1;Username=postgres;Password=...;Database=regions\" (default: ${EnvironmentVariable}).",
    };

    public static Argument<long> JobId() => new("job") { Description = "Job id, as printed by 'regions submit'." };

    public static async Task<NpgsqlDataSource> ConnectAsync(string? db, CancellationToken cancel = default)
    {
        var connectionString = string.IsNullOrWhiteSpace(db) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : db;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidRequestException($"--db is required (or set {EnvironmentVariable})");
        return await Database.ConnectAsync(connectionString, cancel);
    }
}
