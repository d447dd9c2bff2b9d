using Npgsql;
using Regions.Grains.Merging;

namespace Regions.Cluster.Silos;

/// <summary>
/// The last step of a linear-region job, run by the silo that merges its last cell, in the same transaction:
/// the job's activation regions joined by its merge pairs give the linear regions. Unlike the merged
/// pattern set, this step reads the job's whole set into one process (fingerprints and pairs only).
/// </summary>
internal static class LinearRegions
{
    public static async Task FinishAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long job, CancellationToken cancel)
    {
        await using (var definition = new NpgsqlCommand("SELECT definition FROM regions.jobs WHERE id = @job", connection, transaction))
        {
            definition.Parameters.AddWithValue("job", job);
            if ((string?)await definition.ExecuteScalarAsync(cancel) != "linear") return;
        }
        var components = new FingerprintUnionFind();
        await using (var patterns = new NpgsqlCommand("SELECT fp_high, fp_low FROM regions.patterns WHERE job_id = @job", connection, transaction))
        {
            patterns.Parameters.AddWithValue("job", job);
            await using var reader = await patterns.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel)) components.Add(Fingerprint(reader.GetInt64(0), reader.GetInt64(1)));
        }
        await using (var merges = new NpgsqlCommand("SELECT a_high, a_low, b_high, b_low FROM regions.merges WHERE job_id = @job", connection, transaction))
        {
            merges.Parameters.AddWithValue("job", job);
            await using var reader = await merges.ExecuteReaderAsync(cancel);
            var pairs = new List<(UInt128, UInt128)>();
            while (await reader.ReadAsync(cancel)) pairs.Add((Fingerprint(reader.GetInt64(0), reader.GetInt64(1)), Fingerprint(reader.GetInt64(2), reader.GetInt64(3))));
            await reader.CloseAsync();
            foreach (var (a, b) in pairs)
            {
                // A pair naming a pattern no cell found (a sliver below the tolerance) is ignored, as in the embedded runner.
                if (components.Contains(a) && components.Contains(b)) components.Union(a, b);
            }
        }
        await using var update = new NpgsqlCommand("UPDATE regions.jobs SET regions = @regions WHERE id = @job", connection, transaction);
        update.Parameters.AddWithValue("job", job);
        update.Parameters.AddWithValue("regions", components.Components);
        await update.ExecuteNonQueryAsync(cancel);
    }

    private static UInt128 Fingerprint(long high, long low) => new((ulong)high, (ulong)low);
}
