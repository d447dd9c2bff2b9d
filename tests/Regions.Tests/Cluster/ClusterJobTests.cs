using Npgsql;
using Regions.Cluster.Schema;
using Regions.Grains.Jobs;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;
using Regions.Theory.Constructions;

namespace Regions.Tests.Cluster;

/// <summary>Real silo processes clustered through the ADO.NET membership tables of a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterJobTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Silos_join_through_the_membership_script_and_a_killed_one_is_declared_dead()
    {
        var (database, _) = await ClusterHarness.Connect(server);
        var silos = ClusterHarness.Silos(database, "m", 2);
        try
        {
            Assert.Equal(2, await Members(database, status: 3));
            silos[1].KillHard();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (await Members(database, status: 6) < 1 && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.Equal(1, await Members(database, status: 6));
            Assert.Equal(1, await Members(database, status: 3));
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }

    [Fact]
    public async Task A_silo_on_a_port_in_use_is_refused_with_a_clear_error()
    {
        var (database, _) = await ClusterHarness.Connect(server);
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var stderr = new StringWriter();
        var code = Regions.Silo.Cli.Run(["silo", "--db", database.ConnectionString, "--port", port.ToString()], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Equal($"regions: --port: {port} is in use", stderr.ToString().Trim());
    }

    [Fact]
    public async Task One_and_three_silo_processes_give_the_embedded_count_for_sampling_and_exact_jobs()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var sample = ClusterHarness.Job(points: 600_000, cells: 24);
        var exact = new CountJob(NetworkConstructions.Build("montufar", new ConstructionRequest(2, [4, 4, 3])), Box.Cube(2, 0, 1), CountMethod.Exact, 0, 16, 0, SamplerKind.Random);
        foreach (var count in new[] { 1, 3 })
        {
            var silos = ClusterHarness.Silos(database, $"s{count}-", count);
            try
            {
                foreach (var job in new[] { sample, exact })
                {
                    var id = await ClusterHarness.Submit(store, job);
                    var done = await ClusterHarness.WaitUntil(store, id, s => s.State != JobStatus.Open, Patience, () => ClusterHarness.Logs(silos));
                    Assert.Equal(JobStatus.Done, done.State);
                    Assert.Equal(ClusterHarness.Embedded(job), done.Regions);
                    Assert.Equal(job.Points, done.PointsDone);
                }
            }
            finally
            {
                foreach (var silo in silos) silo.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_linear_region_job_merges_regions_that_meet_across_cell_faces_like_the_embedded_runner()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = new CountJob(TestNetworks.FoldedOnCellFace(), Box.Cube(2, -1, 1), CountMethod.Exact, 0, 4, 0, SamplerKind.Random) { Definition = RegionDefinition.Linear };
        var expected = ClusterHarness.Embedded(job);
        var activation = ClusterHarness.Embedded(job with { Definition = RegionDefinition.Activation });
        Assert.True(expected < activation, $"{expected} linear vs {activation} activation regions");
        var silos = ClusterHarness.Silos(database, "lin", 2);
        try
        {
            var id = await ClusterHarness.Submit(store, job);
            var done = await ClusterHarness.WaitUntil(store, id, s => s.State != JobStatus.Open, Patience, () => ClusterHarness.Logs(silos));
            Assert.Equal(expected, done.Regions);
            Assert.Equal("linear", done.Definition);
            Assert.Equal(activation, done.DistinctSoFar);
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }

    [Fact]
    public async Task A_cell_recorded_twice_is_stored_once()
    {
        var (_, store) = await ClusterHarness.Connect(server);
        var id = await ClusterHarness.Submit(store, ClusterHarness.Job(points: 20_000, cells: 2));
        await store.EndAsync(id, JobStatus.Cancelled, null); // no silo runs here: the cell is recorded by hand
        var blocks = new[] { FingerprintBlock.Of([(UInt128)7, 9], [3, 1]), FingerprintBlock.Of([]), FingerprintBlock.Of([(UInt128)11], [2]) };
        var cell = new CellRecord(id, 1, 6, blocks, FingerprintBlock.Of([(UInt128)7, 11]));
        Assert.True(await store.RecordCellAsync(cell));
        Assert.False(await store.RecordCellAsync(cell with { Points = 999 }));
        Assert.Equal([(1, 6L)], await store.RecordedCellsAsync(id));
        var shard0 = await store.ShardBlocksAsync(id, 0);
        Assert.Equal(blocks[0], Assert.Single(shard0).Block);
        Assert.Empty(await store.ShardBlocksAsync(id, 1));
        Assert.Single(await store.MergeBlocksAsync(id));
    }

    [Fact]
    public async Task Cancel_through_the_database_stops_the_cells_on_every_silo()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var silos = ClusterHarness.Silos(database, "c", 3);
        try
        {
            var id = await ClusterHarness.Submit(store, ClusterHarness.Job(points: 3_000_000_000, cells: 30));
            await ClusterHarness.WaitUntil(store, id, s => s.SilosWorking == 3, Patience, () => ClusterHarness.Logs(silos));
            Assert.Equal(0, Regions.Silo.Cli.Run(["cancel", "--db", database.ConnectionString, id.ToString()], new StringWriter(), new StringWriter()));
            foreach (var silo in silos)
                Assert.True(await silo.WaitForLog($"job {id} stopped on this silo", TimeSpan.FromSeconds(30)), silo.Log);
            // A cell's result being written as the stop came may still land: a second for that, then nothing more.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var status = (await store.StatusAsync(id))!;
            Assert.Equal(JobStatus.Cancelled, status.State);
            Assert.True(status.CellsDone < status.Cells);
            // Stopped, not merely marked: no silo records another cell of the job.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(status.CellsDone, (await store.StatusAsync(id))!.CellsDone);
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }

    [Fact]
    public async Task The_schema_installs_once_even_when_many_silos_start_together()
    {
        var connection = server.CreateDatabase();
        var databases = Enumerable.Range(0, 4).Select(_ => Regions.Cluster.Database.Open(connection)).ToArray();
        var versions = await Task.WhenAll(databases.Select(d => SchemaInstaller.InstallAsync(d)));
        Assert.All(versions, v => Assert.Equal(SchemaInstaller.LatestVersion, v));
        await using var count = databases[0].CreateCommand("SELECT count(*) FROM regions.schema_version");
        Assert.Equal((long)SchemaInstaller.Scripts.Count, (long)(await count.ExecuteScalarAsync())!);
        await using var queries = databases[0].CreateCommand("SELECT count(*) FROM orleans.OrleansQuery");
        Assert.Equal(10L, (long)(await queries.ExecuteScalarAsync())!);
        foreach (var d in databases) await d.DisposeAsync();
    }

    private static async Task<long> Members(NpgsqlDataSource database, int status)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM orleans.OrleansMembershipTable WHERE Status = @status");
        command.Parameters.AddWithValue("status", status);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
