using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Regions.Tests.Support;

/// <summary>
/// A private PostgreSQL server for the cluster tests: initdb into a temporary directory, started on a
/// free loopback port with the Debian package's binaries (apt-get install postgresql). Tests can stop
/// and restart it to simulate an outage. As root, the server runs as the 'postgres' user, as it must.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string binaries;
    private readonly string directory;

    public PostgresServer()
    {
        binaries = FindBinaries();
        directory = Path.Combine(Path.GetTempPath(), $"regions-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (IsRoot) Run("chown", $"postgres {directory}");
        Port = FreePort();
        Tool("initdb", $"-D {directory}/data -U postgres --auth=trust -E UTF8 --no-sync");
        Start();
    }

    public int Port { get; }

    // 30 s, not the product's fail-fast 5 s: the tests' server shares two cores with silo processes and a browser,
    // and a connection that waits there is slow, not missing (an unreachable port is refused at once anyway).
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=30;Pooling=false";

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"t_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Start() =>
        Tool("pg_ctl", $"-D {directory}/data -l {directory}/log -w -t 60 -o \"-p {Port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c max_connections=200\" start");

    public void Stop() => Tool("pg_ctl", $"-D {directory}/data -m fast -w -t 60 stop");

    public void Dispose()
    {
        try
        {
            Tool("pg_ctl", $"-D {directory}/data -m immediate -w -t 30 stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private void Tool(string tool, string arguments)
    {
        var path = Path.Combine(binaries, tool);
        if (IsRoot) Run("runuser", $"-u postgres -- {path} {arguments}");
        else Run(path, arguments);
    }

    private static void Run(string file, string arguments)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"{file} {arguments}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {output.Result} {error.Result}");
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("REGIONS_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return configured;
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().ToArray()
            : [];
        return candidates.Length > 0
            ? candidates[0]
            : throw new InvalidOperationException("PostgreSQL server binaries not found: install them with 'apt-get install postgresql' (or set REGIONS_PG_BIN)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
