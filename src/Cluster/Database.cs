using Npgsql;
using Regions.Kernel;

namespace Regions.Cluster;

/// <summary>Opens the cluster's PostgreSQL database with short, explicit time-outs and user-facing errors.</summary>
public static class Database
{
    public static NpgsqlDataSource Open(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new InvalidRequestException("db", $"not a valid connection string ({e.Message})");
        }
        // Fail fast rather than hang when the server is unreachable.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        if (!connectionString.Contains("Application Name", StringComparison.OrdinalIgnoreCase)) builder.ApplicationName = "regions";
        // Orleans membership connects with its own copy of this connection string, password included.
        builder.PersistSecurityInfo = true;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Opens the database and installs or migrates the schema; unreachable servers give a clear error.</summary>
    public static async Task<NpgsqlDataSource> ConnectAsync(string connectionString, CancellationToken cancel = default)
    {
        var database = Open(connectionString);
        try
        {
            await Schema.SchemaInstaller.InstallAsync(database, cancel);
            return database;
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            await database.DisposeAsync();
            throw new InvalidRequestException($"cannot reach the database: {Describe(e)}");
        }
    }

    /// <summary>Errors that mean "the database is not there right now" rather than "this request is wrong".</summary>
    public static bool IsUnreachable(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException p => p.SqlState is "57P01" or "57P02" or "57P03" or "08006" or "08001" or "08003" or "28P01" or "3D000",
        NpgsqlException n when n.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException => true,
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => false,
    };

    public static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner is NpgsqlException && inner is not PostgresException) inner = inner.InnerException;
        return inner.Message;
    }
}
