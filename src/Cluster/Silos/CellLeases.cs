using Npgsql;
using NpgsqlTypes;
using Regions.Grains.Cells;

namespace Regions.Cluster.Silos;

/// <summary>
/// The work queue: cells are leased with <c>FOR UPDATE SKIP LOCKED</c>, kept alive by heartbeats and
/// completed exactly once. A completion merges the cell's fingerprints (binary COPY into a temporary
/// table, then one upsert) and marks the cell done in the same transaction, guarded by the lease token,
/// so a cell computed twice (slow silo, expired lease) is merged once.
/// </summary>
public sealed class CellLeases(NpgsqlDataSource database, TimeSpan leaseDuration)
{
    public async Task<CellLease?> LeaseAsync(string silo, CancellationToken cancel)
    {
        await using var command = database.CreateCommand("""
            UPDATE regions.cells c
               SET state = 'leased', lease_token = gen_random_uuid(), lease_expires = now() + @lease,
                   silo = @silo, attempts = c.attempts + 1
              FROM (SELECT c2.job_id, c2.cell
                      FROM regions.cells c2 JOIN regions.jobs j ON j.id = c2.job_id
                     WHERE j.state = 'open'
                       AND (c2.state = 'pending' OR (c2.state = 'leased' AND c2.lease_expires < now()))
                     ORDER BY c2.job_id, c2.cell
                     LIMIT 1
                       FOR UPDATE OF c2 SKIP LOCKED) free
             WHERE c.job_id = free.job_id AND c.cell = free.cell
            RETURNING c.job_id, c.cell, c.lease_token
            """);
        command.Parameters.AddWithValue("lease", leaseDuration);
        command.Parameters.AddWithValue("silo", silo);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? new CellLease(reader.GetInt64(0), reader.GetInt32(1), reader.GetGuid(2)) : null;
    }

    /// <summary>Extends the given leases; returns the tokens still ours (a missing one was cancelled or taken over).</summary>
    public async Task<HashSet<Guid>> ExtendAsync(string silo, IReadOnlyCollection<Guid> tokens, CancellationToken cancel)
    {
        var alive = new HashSet<Guid>();
        await using var heartbeat = database.CreateCommand("UPDATE regions.silos SET heartbeat_at = now() WHERE name = @silo");
        heartbeat.Parameters.AddWithValue("silo", silo);
        await heartbeat.ExecuteNonQueryAsync(cancel);
        if (tokens.Count == 0) return alive;
        await using var command = database.CreateCommand("""
            UPDATE regions.cells c SET lease_expires = now() + @lease
              FROM regions.jobs j
             WHERE j.id = c.job_id AND j.state = 'open' AND c.state = 'leased' AND c.lease_token = ANY(@tokens)
            RETURNING c.lease_token
            """);
        command.Parameters.AddWithValue("lease", leaseDuration);
        command.Parameters.AddWithValue("tokens", tokens.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) alive.Add(reader.GetGuid(0));
        return alive;
    }

    /// <summary>Gives the silo's leases back so other silos take the cells at once (orderly shutdown).</summary>
    public async Task<int> ReleaseAllAsync(string silo, CancellationToken cancel)
    {
        await using var command = database.CreateCommand(
            "UPDATE regions.cells SET state = 'pending', lease_token = NULL, lease_expires = NULL, silo = NULL WHERE silo = @silo AND state = 'leased'");
        command.Parameters.AddWithValue("silo", silo);
        return await command.ExecuteNonQueryAsync(cancel);
    }

    public async Task<CompletionOutcome> CompleteAsync(CellLease lease, CellPatterns patterns, CancellationToken cancel)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        // Safe without a synchronous flush: losing this commit in a crash also loses the cell's 'done'
        // mark, so the cell is leased and merged again; it never counts twice or goes missing.
        await using (var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
        {
            await relaxed.ExecuteNonQueryAsync(cancel);
        }

        await using (var claim = new NpgsqlCommand("""
            UPDATE regions.cells SET state = 'done', finished_at = now(), lease_token = NULL, lease_expires = NULL
             WHERE job_id = @job AND cell = @cell AND state = 'leased' AND lease_token = @token
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("job", lease.JobId);
            claim.Parameters.AddWithValue("cell", lease.Cell);
            claim.Parameters.AddWithValue("token", lease.Token);
            if (await claim.ExecuteNonQueryAsync(cancel) != 1)
            {
                await transaction.RollbackAsync(cancel);
                return CompletionOutcome.Rejected;
            }
        }

        await using (var temporary = new NpgsqlCommand(
            "CREATE TEMP TABLE incoming (fp_high bigint, fp_low bigint, hits bigint) ON COMMIT DROP", connection, transaction))
        {
            await temporary.ExecuteNonQueryAsync(cancel);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY incoming (fp_high, fp_low, hits) FROM STDIN (FORMAT BINARY)", cancel))
        {
            foreach (var (fingerprint, hits) in patterns.Hits)
            {
                await copy.StartRowAsync(cancel);
                await copy.WriteAsync((long)(ulong)(fingerprint >> 64), NpgsqlDbType.Bigint, cancel);
                await copy.WriteAsync((long)(ulong)fingerprint, NpgsqlDbType.Bigint, cancel);
                await copy.WriteAsync(hits, NpgsqlDbType.Bigint, cancel);
            }
            await copy.CompleteAsync(cancel);
        }

        if (patterns.Merges.Count > 0)
        {
            await using var merges = await connection.BeginBinaryImportAsync("COPY regions.merges (job_id, a_high, a_low, b_high, b_low) FROM STDIN (FORMAT BINARY)", cancel);
            foreach (var merge in patterns.Merges)
            {
                await merges.StartRowAsync(cancel);
                await merges.WriteAsync(lease.JobId, NpgsqlDbType.Bigint, cancel);
                await merges.WriteAsync((long)(ulong)(merge.A >> 64), NpgsqlDbType.Bigint, cancel);
                await merges.WriteAsync((long)(ulong)merge.A, NpgsqlDbType.Bigint, cancel);
                await merges.WriteAsync((long)(ulong)(merge.B >> 64), NpgsqlDbType.Bigint, cancel);
                await merges.WriteAsync((long)(ulong)merge.B, NpgsqlDbType.Bigint, cancel);
            }
            await merges.CompleteAsync(cancel);
        }

        long fresh;
        await using (var merge = new NpgsqlCommand("""
            WITH merged AS (
                INSERT INTO regions.patterns (job_id, fp_high, fp_low, hits)
                SELECT @job, fp_high, fp_low, hits FROM incoming ORDER BY fp_high, fp_low
                ON CONFLICT (job_id, fp_high, fp_low) DO UPDATE SET hits = regions.patterns.hits + excluded.hits
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) FROM merged
            """, connection, transaction))
        {
            merge.Parameters.AddWithValue("job", lease.JobId);
            fresh = (long)(await merge.ExecuteScalarAsync(cancel))!;
        }

        // Last, so the job row lock (which serialises completions of one job) is held only briefly.
        int cellsDone, cells;
        await using (var progress = new NpgsqlCommand("""
            UPDATE regions.jobs SET cells_done = cells_done + 1, points_done = points_done + @points, distinct_patterns = distinct_patterns + @fresh
             WHERE id = @job RETURNING cells_done, cells
            """, connection, transaction))
        {
            progress.Parameters.AddWithValue("job", lease.JobId);
            progress.Parameters.AddWithValue("points", patterns.Points);
            progress.Parameters.AddWithValue("fresh", fresh);
            await using var reader = await progress.ExecuteReaderAsync(cancel);
            await reader.ReadAsync(cancel);
            (cellsDone, cells) = (reader.GetInt32(0), reader.GetInt32(1));
        }
        if (cellsDone == cells)
        {
            await using var finish = new NpgsqlCommand("""
                UPDATE regions.jobs SET state = 'done', finished_at = now(), regions = distinct_patterns,
                       seen_once = (SELECT count(*) FROM regions.patterns WHERE job_id = @job AND hits = 1),
                       seen_twice = (SELECT count(*) FROM regions.patterns WHERE job_id = @job AND hits = 2)
                 WHERE id = @job AND state = 'open'
                """, connection, transaction);
            finish.Parameters.AddWithValue("job", lease.JobId);
            await finish.ExecuteNonQueryAsync(cancel);
            await LinearRegions.FinishAsync(connection, transaction, lease.JobId, cancel);
        }
        await transaction.CommitAsync(cancel);
        return CompletionOutcome.Merged;
    }
}
