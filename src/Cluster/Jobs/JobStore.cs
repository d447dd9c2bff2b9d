using Npgsql;
using NpgsqlTypes;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;

namespace Regions.Cluster.Jobs;

/// <summary>Submits, inspects and cancels jobs in the cluster database. All SQL is parameterised.</summary>
public sealed class JobStore(NpgsqlDataSource database)
{
    private const string StatusColumns = """
        j.id, j.state, j.method, j.cells, j.cells_done, j.points, j.points_done, j.distinct_patterns,
        (SELECT count(DISTINCT c.silo) FROM regions.cells c WHERE c.job_id = j.id AND c.state = 'leased' AND c.lease_expires > now())::int,
        j.created_at, j.finished_at, j.regions, j.seen_once, j.seen_twice, j.definition
        """;

    public async Task<long> SubmitAsync(CountJob job, CancellationToken cancel = default)
    {
        job = job.Validated();
        if (job.Slice is not null)
            throw new Kernel.InvalidRequestException("the cluster counts in boxes; count segments and planes with 'regions count --method exact'");
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO regions.jobs (state, network, box, method, points, cells, seed, sampler, definition)
            VALUES ('open', @network, @box, @method, @points, @cells, @seed, @sampler, @definition) RETURNING id
            """, connection, transaction);
        insert.Parameters.AddWithValue("network", NetworkWriter.ToJson(job.Network, indented: false));
        insert.Parameters.AddWithValue("box", job.Domain.ToString());
        insert.Parameters.AddWithValue("method", job.Method == CountMethod.Exact ? "exact" : "sample");
        insert.Parameters.AddWithValue("points", job.Points);
        insert.Parameters.AddWithValue("cells", job.Cells);
        insert.Parameters.AddWithValue("seed", NpgsqlDbType.Numeric, (decimal)job.Seed);
        insert.Parameters.AddWithValue("sampler", job.Sampler == SamplerKind.Lattice ? "lattice" : "random");
        insert.Parameters.AddWithValue("definition", job.Definition == RegionDefinition.Linear ? "linear" : "activation");
        var id = (long)(await insert.ExecuteScalarAsync(cancel))!;
        await using var cells = new NpgsqlCommand(
            "INSERT INTO regions.cells (job_id, cell, state) SELECT @id, g, 'pending' FROM generate_series(0, @cells - 1) g", connection, transaction);
        cells.Parameters.AddWithValue("id", id);
        cells.Parameters.AddWithValue("cells", job.Cells);
        await cells.ExecuteNonQueryAsync(cancel);
        await transaction.CommitAsync(cancel);
        return id;
    }

    public async Task<JobStatus?> StatusAsync(long id, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand($"SELECT {StatusColumns} FROM regions.jobs j WHERE j.id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? ReadStatus(reader) : null;
    }

    public async Task<IReadOnlyList<JobStatus>> ListAsync(int limit = 100, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand($"SELECT {StatusColumns} FROM regions.jobs j ORDER BY j.id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var jobs = new List<JobStatus>();
        while (await reader.ReadAsync(cancel)) jobs.Add(ReadStatus(reader));
        return jobs;
    }

    /// <summary>Cancels an open job and frees its leased cells; returns false when the job is unknown or already ended.</summary>
    public async Task<bool> CancelAsync(long id, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var job = new NpgsqlCommand(
            "UPDATE regions.jobs SET state = 'cancelled', finished_at = now() WHERE id = @id AND state = 'open'", connection, transaction);
        job.Parameters.AddWithValue("id", id);
        var changed = await job.ExecuteNonQueryAsync(cancel) == 1;
        await using var cells = new NpgsqlCommand(
            "UPDATE regions.cells SET state = 'pending', lease_token = NULL, lease_expires = NULL, silo = NULL WHERE job_id = @id AND state = 'leased'",
            connection, transaction);
        cells.Parameters.AddWithValue("id", id);
        await cells.ExecuteNonQueryAsync(cancel);
        await transaction.CommitAsync(cancel);
        return changed;
    }

    /// <summary>The job as the silos must compute it, rebuilt from its stored definition.</summary>
    public async Task<CountJob?> LoadJobAsync(long id, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand("SELECT network, box, method, points, cells, seed, sampler, definition FROM regions.jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        if (!await reader.ReadAsync(cancel)) return null;
        var network = NetworkReader.Parse(reader.GetString(0));
        return new CountJob(
            network,
            Box.Parse(reader.GetString(1), network.Inputs),
            reader.GetString(2) == "exact" ? CountMethod.Exact : CountMethod.Sample,
            reader.GetInt64(3),
            reader.GetInt32(4),
            (ulong)reader.GetDecimal(5),
            reader.GetString(6) == "lattice" ? SamplerKind.Lattice : SamplerKind.Random)
        {
            Definition = reader.GetString(7) == "linear" ? RegionDefinition.Linear : RegionDefinition.Activation,
        };
    }

    private static JobStatus ReadStatus(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt32(8),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetInt64(11), r.IsDBNull(12) ? null : r.GetInt64(12), r.IsDBNull(13) ? null : r.GetInt64(13))
    {
        Definition = r.GetString(14),
    };
}
