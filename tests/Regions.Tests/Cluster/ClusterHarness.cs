using Npgsql;
using Regions.Cluster;
using Regions.Cluster.Jobs;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Cluster;

/// <summary>Jobs and waits shared by the cluster tests.</summary>
internal static class ClusterHarness
{
    public static CountJob Job(long points, int cells, ulong seed = 3) =>
        new(TestNetworks.Random(17, 2, [16, 16]), Box.Cube(2, -1, 1), CountMethod.Sample, points, cells, seed, SamplerKind.Random);

    public static async Task<(NpgsqlDataSource Database, JobStore Store)> Connect(PostgresServer server)
    {
        var database = await Database.ConnectAsync(server.CreateDatabase());
        return (database, new JobStore(database));
    }

    public static long Embedded(CountJob job) => EmbeddedRunner.Run(job).Regions;

    public static async Task<JobStatus> WaitUntil(JobStore store, long id, Func<JobStatus, bool> condition, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            JobStatus? status = null;
            try
            {
                status = await store.StatusAsync(id);
            }
            catch (Exception e) when (Database.IsUnreachable(e))
            {
                // The server may be restarting in this very test.
            }
            if (status is not null && condition(status)) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"job {id} did not reach the expected state: {status}\n{diagnostics?.Invoke()}");
            await Task.Delay(100);
        }
    }
}
