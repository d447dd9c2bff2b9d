using Npgsql;
using Regions.Cluster;
using Regions.Cluster.Jobs;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Grains.Storage;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Cluster;

/// <summary>Jobs, silos and waits shared by the cluster tests.</summary>
internal static class ClusterHarness
{
    public static CountJob Job(long points, int cells, ulong seed = 3) =>
        new(TestNetworks.Random(17, 2, [16, 16]), Box.Cube(2, -1, 1), CountMethod.Sample, points, cells, seed, SamplerKind.Random);

    public static async Task<(NpgsqlDataSource Database, PostgresJobStore Store)> Connect(PostgresServer server)
    {
        var database = await Database.ConnectAsync(server.CreateDatabase());
        return (database, new PostgresJobStore(database));
    }

    public static long Embedded(CountJob job) => EmbeddedRunner.Run(job).Regions;

    public static Task<long> Submit(PostgresJobStore store, CountJob job) => store.SubmitAsync(JobSpec.From(job));

    public static List<SiloProcess> Silos(NpgsqlDataSource database, string prefix, int count, int threads = 1) =>
        Enumerable.Range(0, count).AsParallel().Select(i => SiloProcess.Start(database.ConnectionString, $"{prefix}{i}", threads)).OrderBy(s => s.Name).ToList();

    public static string Logs(IEnumerable<SiloProcess> silos) => string.Join("\n", silos.Select(s => $"--- {s.Name}\n{s.Log}"));

    public static async Task<JobStatus> WaitUntil(IJobStore store, long id, Func<JobStatus, bool> condition, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            JobStatus? status = null;
            try
            {
                status = await store.StatusAsync(id);
            }
            catch (Exception e) when (store.IsUnavailable(e))
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
