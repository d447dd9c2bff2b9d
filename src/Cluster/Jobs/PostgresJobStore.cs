using Npgsql;
using NpgsqlTypes;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;

namespace Regions.Cluster.Jobs;

/// <summary>
/// The cluster's job store on PostgreSQL. A finished cell is one transaction: its row in
/// <c>regions.cell_results</c> (the primary key makes a second recording a no-op) and its non-empty shard
/// blocks copied in binary into <c>regions.cell_shards</c>, a row per (cell, shard), not per fingerprint.
/// </summary>
public sealed class PostgresJobStore(NpgsqlDataSource database) : IJobStore
{
    private const string StatusColumns = """
        id, state, method, cells, cells_done, points, points_done, distinct_patterns, silos_working,
        created_at, finished_at, regions, seen_once, seen_twice, definition, error
        """;

    public NpgsqlDataSource Database => database;

    public async Task<long> SubmitAsync(JobSpec job, CancellationToken cancel = default)
    {
        await using var insert = database.CreateCommand("""
            INSERT INTO regions.jobs (state, network, box, method, points, cells, seed, sampler, definition, shards, slice)
            VALUES ('open', @network, @box, @method, @points, @cells, @seed, @sampler, @definition, @shards, @slice) RETURNING id
            """);
        insert.Parameters.AddWithValue("network", job.Network);
        insert.Parameters.AddWithValue("box", job.Box);
        insert.Parameters.AddWithValue("method", job.Method);
        insert.Parameters.AddWithValue("points", job.Points);
        insert.Parameters.AddWithValue("cells", job.Cells);
        insert.Parameters.AddWithValue("seed", NpgsqlDbType.Numeric, (decimal)job.Seed);
        insert.Parameters.AddWithValue("sampler", job.Sampler);
        insert.Parameters.AddWithValue("definition", job.Definition);
        insert.Parameters.AddWithValue("shards", job.Shards);
        insert.Parameters.AddWithValue("slice", NpgsqlDbType.Text, (object?)job.Slice ?? DBNull.Value);
        return (long)(await insert.ExecuteScalarAsync(cancel))!;
    }

    public async Task<(JobSpec Spec, string State)?> LoadAsync(long id, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand(
            "SELECT network, box, method, points, cells, seed, sampler, definition, shards, state, slice FROM regions.jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var r = await command.ExecuteReaderAsync(cancel);
        if (!await r.ReadAsync(cancel)) return null;
        var spec = new JobSpec(id, r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt32(4), (ulong)r.GetDecimal(5),
            r.GetString(6), r.GetString(7), r.GetInt32(8), r.IsDBNull(10) ? null : r.GetString(10));
        return (spec, r.GetString(9));
    }

    public async Task SetShardsAsync(long id, int shards, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand("UPDATE regions.jobs SET shards = @shards WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("shards", shards);
        await command.ExecuteNonQueryAsync(cancel);
    }

    public async Task<IReadOnlyList<long>> OpenJobsAsync(CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand("SELECT id FROM regions.jobs WHERE state = 'open' ORDER BY id");
        await using var r = await command.ExecuteReaderAsync(cancel);
        var ids = new List<long>();
        while (await r.ReadAsync(cancel)) ids.Add(r.GetInt64(0));
        return ids;
    }

    public async Task<bool> RecordCellAsync(CellRecord cell, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO regions.cell_results (job_id, cell, points, merges) VALUES (@job, @cell, @points, @merges)
            ON CONFLICT (job_id, cell) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("job", cell.Job);
            insert.Parameters.AddWithValue("cell", cell.Cell);
            insert.Parameters.AddWithValue("points", cell.Points);
            insert.Parameters.AddWithValue("merges", NpgsqlDbType.Bytea, (object?)cell.Merges ?? DBNull.Value);
            if (await insert.ExecuteNonQueryAsync(cancel) == 0)
            {
                await transaction.RollbackAsync(cancel);
                return false;
            }
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY regions.cell_shards (job_id, shard, cell, fingerprints) FROM STDIN (FORMAT BINARY)", cancel))
        {
            for (var shard = 0; shard < cell.ShardBlocks.Length; shard++)
            {
                var block = cell.ShardBlocks[shard];
                if (FingerprintBlock.Count(block) == 0) continue;
                await copy.StartRowAsync(cancel);
                await copy.WriteAsync(cell.Job, NpgsqlDbType.Bigint, cancel);
                await copy.WriteAsync(shard, NpgsqlDbType.Integer, cancel);
                await copy.WriteAsync(cell.Cell, NpgsqlDbType.Integer, cancel);
                await copy.WriteAsync(block, NpgsqlDbType.Bytea, cancel);
            }
            await copy.CompleteAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
        return true;
    }

    public async Task<IReadOnlyList<(int Cell, long Points)>> RecordedCellsAsync(long job, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand("SELECT cell, points FROM regions.cell_results WHERE job_id = @job");
        command.Parameters.AddWithValue("job", job);
        await using var r = await command.ExecuteReaderAsync(cancel);
        var cells = new List<(int, long)>();
        while (await r.ReadAsync(cancel)) cells.Add((r.GetInt32(0), r.GetInt64(1)));
        return cells;
    }

    public async Task<IReadOnlyList<(int Cell, byte[] Block)>> ShardBlocksAsync(long job, int shard, IReadOnlyCollection<int>? cells = null, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand(cells is null
            ? "SELECT cell, fingerprints FROM regions.cell_shards WHERE job_id = @job AND shard = @shard"
            : "SELECT cell, fingerprints FROM regions.cell_shards WHERE job_id = @job AND shard = @shard AND cell = ANY(@cells)");
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("shard", shard);
        if (cells is not null) command.Parameters.AddWithValue("cells", cells.ToArray());
        await using var r = await command.ExecuteReaderAsync(cancel);
        var blocks = new List<(int, byte[])>();
        while (await r.ReadAsync(cancel)) blocks.Add((r.GetInt32(0), r.GetFieldValue<byte[]>(1)));
        return blocks;
    }

    public async Task<IReadOnlyList<byte[]>> MergeBlocksAsync(long job, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand("SELECT merges FROM regions.cell_results WHERE job_id = @job AND merges IS NOT NULL");
        command.Parameters.AddWithValue("job", job);
        await using var r = await command.ExecuteReaderAsync(cancel);
        var blocks = new List<byte[]>();
        while (await r.ReadAsync(cancel)) blocks.Add(r.GetFieldValue<byte[]>(0));
        return blocks;
    }

    public async Task<string> ProgressAsync(long job, JobProgress progress, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand("""
            WITH updated AS (
                UPDATE regions.jobs SET cells_done = @cells, points_done = @points, distinct_patterns = @distinct, silos_working = @silos
                 WHERE id = @job AND state = 'open' RETURNING state)
            SELECT coalesce((SELECT state FROM updated), (SELECT state FROM regions.jobs WHERE id = @job))
            """);
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("cells", progress.CellsDone);
        command.Parameters.AddWithValue("points", progress.PointsDone);
        command.Parameters.AddWithValue("distinct", progress.DistinctSoFar);
        command.Parameters.AddWithValue("silos", progress.SilosWorking);
        return (string)(await command.ExecuteScalarAsync(cancel))!;
    }

    public async Task FinishAsync(long job, JobOutcome outcome, CancellationToken cancel = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using (var finish = new NpgsqlCommand("""
            UPDATE regions.jobs SET state = 'done', finished_at = now(), regions = @regions, distinct_patterns = @distinct,
                   points_done = @points, cells_done = cells, seen_once = @once, seen_twice = @twice, silos_working = 0
             WHERE id = @job AND state = 'open'
            """, connection, transaction))
        {
            finish.Parameters.AddWithValue("job", job);
            finish.Parameters.AddWithValue("regions", outcome.Regions);
            finish.Parameters.AddWithValue("distinct", outcome.Distinct);
            finish.Parameters.AddWithValue("points", outcome.PointsDone);
            finish.Parameters.AddWithValue("once", outcome.SeenOnce);
            finish.Parameters.AddWithValue("twice", outcome.SeenTwice);
            await finish.ExecuteNonQueryAsync(cancel);
        }
        await using (var drop = new NpgsqlCommand("DELETE FROM regions.cell_shards WHERE job_id = @job", connection, transaction))
        {
            drop.Parameters.AddWithValue("job", job);
            await drop.ExecuteNonQueryAsync(cancel);
        }
        await transaction.CommitAsync(cancel);
    }

    public async Task<bool> EndAsync(long job, string state, string? error, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand(
            "UPDATE regions.jobs SET state = @state, error = @error, finished_at = now(), silos_working = 0 WHERE id = @job AND state = 'open'");
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)error ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancel) == 1;
    }

    public async Task<JobStatus?> StatusAsync(long id, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand($"SELECT {StatusColumns} FROM regions.jobs WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? ReadStatus(reader) : null;
    }

    public async Task<IReadOnlyList<JobStatus>> ListAsync(int limit, CancellationToken cancel = default)
    {
        await using var command = database.CreateCommand($"SELECT {StatusColumns} FROM regions.jobs ORDER BY id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var jobs = new List<JobStatus>();
        while (await reader.ReadAsync(cancel)) jobs.Add(ReadStatus(reader));
        return jobs;
    }

    public bool IsUnavailable(Exception error) => Cluster.Database.IsUnreachable(error);

    private static JobStatus ReadStatus(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt32(8),
        r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetInt64(11), r.IsDBNull(12) ? null : r.GetInt64(12), r.IsDBNull(13) ? null : r.GetInt64(13),
        r.GetString(14), r.IsDBNull(15) ? null : r.GetString(15));
}
