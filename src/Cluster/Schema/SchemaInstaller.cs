using System.Reflection;
using Npgsql;

namespace Regions.Cluster.Schema;

/// <summary>
/// Installs and migrates the <c>regions</c> schema from the numbered scripts embedded in this assembly
/// (<c>Scripts/NNN_name.sql</c>). Each script runs once, in order, in one transaction under an advisory
/// lock, so many silos starting at once migrate exactly once.
/// </summary>
public static class SchemaInstaller
{
    private const long AdvisoryLockKey = 0x5245_4749_4F4E_53; // "REGIONS"

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts[^1].Version;

    public static async Task<int> InstallAsync(NpgsqlDataSource database, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, "SELECT pg_advisory_xact_lock(@key)", cancel, ("key", AdvisoryLockKey));
        await Execute(connection, "CREATE SCHEMA IF NOT EXISTS regions", cancel);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS regions.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancel);
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM regions.schema_version", connection);
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancel));
        if (current > LatestVersion)
            throw new InvalidOperationException($"the database schema is version {current}, newer than this program's {LatestVersion}: upgrade regions");
        foreach (var (version, _, sql) in Scripts.Where(s => s.Version > current))
        {
            await Execute(connection, sql, cancel);
            await Execute(connection, "INSERT INTO regions.schema_version (version) VALUES (@v)", cancel, ("v", version));
        }
        await transaction.CommitAsync(cancel);
        return LatestVersion;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancel, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancel);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "Regions.Cluster.Schema.";
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(name[..name.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add((version, name, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        if (scripts.Count == 0) throw new InvalidOperationException("no schema scripts are embedded");
        return scripts;
    }
}
