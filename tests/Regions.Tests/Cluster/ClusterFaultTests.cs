using System.Text.RegularExpressions;
using Regions.Grains.Storage;
using Regions.Tests.Support;

namespace Regions.Tests.Cluster;

/// <summary>Real silo processes and a real PostgreSQL: a killed silo, a restarted server and a restarted cluster lose no work.</summary>
[Collection(PostgresCollection.Name)]
public partial class ClusterFaultTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Killing_a_silo_that_holds_shards_mid_job_gives_the_same_count()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = ClusterHarness.Job(points: 12_000_000, cells: 48);
        var expected = ClusterHarness.Embedded(job);
        var silos = ClusterHarness.Silos(database, "k", 3);
        try
        {
            var id = await ClusterHarness.Submit(store, job);
            await ClusterHarness.WaitUntil(store, id, s => s.CellsDone >= 8 && s.SilosWorking == 3, Patience, () => ClusterHarness.Logs(silos));
            var victim = silos.First(s => s.Log.Contains("activated here", StringComparison.Ordinal));
            victim.KillHard();
            var survivors = silos.Where(s => s != victim).ToList();
            var done = await ClusterHarness.WaitUntil(store, id, s => s.State != JobStatus.Open, Patience, () => ClusterHarness.Logs(silos));
            Assert.Equal(JobStatus.Done, done.State);
            Assert.Equal(expected, done.Regions);
            Assert.Equal(job.Points, done.PointsDone);
            // The victim's shards came back on the survivors, rebuilt from the cells recorded before it died.
            Assert.Matches(Rebuilt(), ClusterHarness.Logs(survivors));
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }

    [Fact]
    public async Task Restarting_postgres_mid_job_gives_the_same_count()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = ClusterHarness.Job(points: 8_000_000, cells: 32, seed: 5);
        var expected = ClusterHarness.Embedded(job);
        var silos = ClusterHarness.Silos(database, "r", 2);
        try
        {
            var id = await ClusterHarness.Submit(store, job);
            await ClusterHarness.WaitUntil(store, id, s => s.CellsDone >= 4, Patience, () => ClusterHarness.Logs(silos));
            server.Stop();
            await Task.Delay(TimeSpan.FromSeconds(3));
            server.Start();
            var done = await ClusterHarness.WaitUntil(store, id, s => s.State != JobStatus.Open, Patience, () => ClusterHarness.Logs(silos));
            Assert.Equal(expected, done.Regions);
            Assert.All(silos, s => Assert.False(s.HasExited, s.Log));
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }

    [Fact]
    public async Task A_whole_cluster_restart_resumes_an_unfinished_job_from_its_recorded_cells()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = ClusterHarness.Job(points: 12_000_000, cells: 48, seed: 11);
        var expected = ClusterHarness.Embedded(job);
        var first = ClusterHarness.Silos(database, "before", 2);
        long id;
        int recorded;
        try
        {
            id = await ClusterHarness.Submit(store, job);
            await ClusterHarness.WaitUntil(store, id, s => s.CellsDone >= 6, Patience, () => ClusterHarness.Logs(first));
        }
        finally
        {
            foreach (var silo in first) silo.KillHard();
            foreach (var silo in first) silo.Dispose();
        }
        recorded = (await store.RecordedCellsAsync(id)).Count;
        Assert.InRange(recorded, 6, job.Cells - 1);
        Assert.Equal(JobStatus.Open, (await store.StatusAsync(id))!.State);

        var second = ClusterHarness.Silos(database, "after", 2);
        try
        {
            var done = await ClusterHarness.WaitUntil(store, id, s => s.State != JobStatus.Open, Patience, () => ClusterHarness.Logs(second));
            Assert.Equal(expected, done.Regions);
            Assert.Equal(job.Points, done.PointsDone);
            var resumed = Regex.Match(ClusterHarness.Logs(second), @"(\d+) of 48 cells already recorded");
            Assert.True(resumed.Success, ClusterHarness.Logs(second));
            Assert.True(int.Parse(resumed.Groups[1].Value) >= recorded);
        }
        finally
        {
            foreach (var silo in second) silo.Dispose();
        }
    }

    [Fact]
    public void An_unreachable_database_is_a_clear_error_not_a_hang()
    {
        var started = DateTime.UtcNow;
        var stderr = new StringWriter();
        var code = Regions.Silo.Cli.Run(["jobs", "--db", "Host=127.0.0.1;Port=9;Username=nobody;Timeout=2"], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.StartsWith("regions: cannot reach the database", stderr.ToString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [GeneratedRegex(@"activated here, rebuilt from [1-9]\d* recorded cells")]
    private static partial Regex Rebuilt();
}
