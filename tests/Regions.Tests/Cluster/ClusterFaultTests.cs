using Regions.Tests.Support;

namespace Regions.Tests.Cluster;

/// <summary>Real silo processes and a real PostgreSQL: a killed silo and a restarted server lose no work.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterFaultTests(PostgresServer server)
{
    [Fact]
    public async Task Killing_one_of_three_silos_mid_job_gives_the_same_count()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = ClusterHarness.Job(points: 12_000_000, cells: 48);
        var expected = ClusterHarness.Embedded(job);
        var id = await store.SubmitAsync(job);
        var silos = Enumerable.Range(0, 3).Select(i => SiloProcess.Start(database.ConnectionString, $"k{i}", leaseSeconds: 2, exitWhenIdle: true)).ToList();
        try
        {
            await ClusterHarness.WaitUntil(store, id, s => s.CellsDone >= 6 && s.SilosWorking == 3, TimeSpan.FromSeconds(60), () => silos[0].Log);
            silos[1].KillHard();
            var done = await ClusterHarness.WaitUntil(store, id, s => s.IsFinished, TimeSpan.FromSeconds(120), () => silos[0].Log + silos[2].Log);
            Assert.Equal(expected, done.Regions);
            Assert.Equal(job.Points, done.PointsDone);
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
        var id = await store.SubmitAsync(job);
        var silos = Enumerable.Range(0, 2).Select(i => SiloProcess.Start(database.ConnectionString, $"r{i}", leaseSeconds: 3)).ToList();
        try
        {
            await ClusterHarness.WaitUntil(store, id, s => s.CellsDone >= 4, TimeSpan.FromSeconds(60), () => silos[0].Log);
            server.Stop();
            await Task.Delay(TimeSpan.FromSeconds(2));
            server.Start();
            var done = await ClusterHarness.WaitUntil(store, id, s => s.IsFinished, TimeSpan.FromSeconds(120), () => silos[0].Log + silos[1].Log);
            Assert.Equal(expected, done.Regions);
            Assert.Contains("database unreachable", silos[0].Log + silos[1].Log);
            Assert.False(silos[0].HasExited, silos[0].Log);
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Terminate();
                silo.WaitForExit(TimeSpan.FromSeconds(10));
                silo.Dispose();
            }
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
}
