using Regions.Cluster.Jobs;
using Regions.Cluster.Schema;
using Regions.Cluster.Silos;
using Regions.Grains.Cells;
using Regions.Kernel.Evaluation;
using Regions.Tests.Support;

namespace Regions.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public class ClusterJobTests(PostgresServer server)
{
    [Fact]
    public async Task The_embedded_silo_one_silo_and_three_silos_give_the_same_count()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = ClusterHarness.Job(points: 600_000, cells: 24);
        var expected = ClusterHarness.Embedded(job);

        foreach (var silos in new[] { 1, 3 })
        {
            var id = await store.SubmitAsync(job);
            var workers = Enumerable.Range(0, silos).Select(i => SiloProcess.Start(database.ConnectionString, $"s{silos}-{i}", exitWhenIdle: true)).ToList();
            var done = await ClusterHarness.WaitUntil(store, id, s => s.IsFinished, TimeSpan.FromSeconds(90), () => string.Join("\n", workers.Select(w => w.Log)));
            Assert.Equal(expected, done.Regions);
            Assert.Equal(job.Points, done.PointsDone);
            foreach (var worker in workers)
            {
                Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), worker.Log);
                Assert.Equal(0, worker.ExitCode);
                worker.Dispose();
            }
        }
        await using var rows = database.CreateCommand("SELECT count(*) FROM regions.patterns WHERE job_id = 1");
        Assert.Equal(expected, (long)(await rows.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task An_exact_job_gives_the_embedded_exact_count_on_one_and_three_silos()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var network = Kernel.Constructions.NetworkConstructions.Build("montufar", new Kernel.Constructions.ConstructionRequest(2, [4, 4, 3]));
        var job = new Grains.Jobs.CountJob(network, Kernel.Geometry.Box.Cube(2, 0, 1), Grains.Jobs.CountMethod.Exact, 0, 16, 0, Grains.Jobs.SamplerKind.Random);
        Assert.Equal(112, ClusterHarness.Embedded(job));
        foreach (var silos in new[] { 1, 3 })
        {
            var id = await store.SubmitAsync(job);
            var workers = Enumerable.Range(0, silos).Select(i => SiloProcess.Start(database.ConnectionString, $"x{silos}-{i}", exitWhenIdle: true)).ToList();
            var done = await ClusterHarness.WaitUntil(store, id, s => s.IsFinished, TimeSpan.FromSeconds(90), () => string.Join("\n", workers.Select(w => w.Log)));
            Assert.Equal(112, done.Regions);
            Assert.Equal("exact", done.Method);
            foreach (var worker in workers)
            {
                Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), worker.Log);
                worker.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_linear_region_job_merges_regions_that_meet_across_cell_faces_like_the_embedded_silo()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        // The output ignores the unit whose line x = 0 is the face between cells: its two sides merge.
        var hidden = new Kernel.Model.Layer(Kernel.Model.Activation.Relu, 4, 2, [1, 0, 0.3, 1, -0.8, 0.5, 0.6, -0.7], [0, 0.1, 0.2, -0.1]);
        var network = new Kernel.Model.Network(2, [hidden, new Kernel.Model.Layer(Kernel.Model.Activation.Linear, 1, 4, [0, 1, 2, -1.5], [0])]);
        var job = new Grains.Jobs.CountJob(network, Kernel.Geometry.Box.Cube(2, -1, 1), Grains.Jobs.CountMethod.Exact, 0, 4, 0, Grains.Jobs.SamplerKind.Random)
        {
            Definition = Grains.Jobs.RegionDefinition.Linear,
        };
        var expected = ClusterHarness.Embedded(job);
        var activation = ClusterHarness.Embedded(job with { Definition = Grains.Jobs.RegionDefinition.Activation });
        Assert.True(expected < activation, $"{expected} linear vs {activation} activation regions");
        var id = await store.SubmitAsync(job);
        var workers = Enumerable.Range(0, 2).Select(i => SiloProcess.Start(database.ConnectionString, $"lin-{i}", exitWhenIdle: true)).ToList();
        var done = await ClusterHarness.WaitUntil(store, id, s => s.IsFinished, TimeSpan.FromSeconds(90), () => string.Join("\n", workers.Select(w => w.Log)));
        Assert.Equal(expected, done.Regions);
        Assert.Equal("linear", done.Definition);
        Assert.Equal(activation, done.DistinctSoFar);
        foreach (var worker in workers)
        {
            Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), worker.Log);
            worker.Dispose();
        }
    }

    [Fact]
    public async Task A_cell_completed_twice_is_merged_once()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var job = ClusterHarness.Job(points: 20_000, cells: 2);
        var id = await store.SubmitAsync(job);
        var leases = new CellLeases(database, TimeSpan.FromSeconds(30));

        var slow = await leases.LeaseAsync("slow", default);
        Assert.NotNull(slow);
        // The slow silo's lease runs out, and a second silo takes the same cell.
        await using (var expire = database.CreateCommand("UPDATE regions.cells SET lease_expires = now() - interval '1 second' WHERE job_id = @id AND cell = @cell"))
        {
            expire.Parameters.AddWithValue("id", id);
            expire.Parameters.AddWithValue("cell", slow!.Cell);
            await expire.ExecuteNonQueryAsync();
        }
        var fast = await leases.LeaseAsync("fast", default);
        Assert.Equal(slow.Cell, fast!.Cell);
        Assert.NotEqual(slow.Token, fast.Token);

        var patterns = SampleCellWork.Execute(job, new CellGrid(job.Domain, job.Cells), fast.Cell, EvaluatorFactory.Create(job.Network), default);
        Assert.Equal(CompletionOutcome.Merged, await leases.CompleteAsync(fast, patterns, default));
        var after = (await store.StatusAsync(id))!;

        Assert.Equal(CompletionOutcome.Rejected, await leases.CompleteAsync(slow, patterns, default));
        Assert.Equal(CompletionOutcome.Rejected, await leases.CompleteAsync(fast, patterns, default));
        var again = (await store.StatusAsync(id))!;
        Assert.Equal(after.DistinctSoFar, again.DistinctSoFar);
        Assert.Equal(after.PointsDone, again.PointsDone);
        Assert.Equal(1, again.CellsDone);
        await using var hits = database.CreateCommand("SELECT sum(hits) FROM regions.patterns WHERE job_id = @id");
        hits.Parameters.AddWithValue("id", id);
        Assert.Equal(job.PointsInCell(fast.Cell), Convert.ToInt64(await hits.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task Cancel_stops_the_work_and_frees_the_cells()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var id = await store.SubmitAsync(ClusterHarness.Job(points: 400_000_000, cells: 40));
        using var silo = SiloProcess.Start(database.ConnectionString, "canceller", threads: 2, leaseSeconds: 2);
        await ClusterHarness.WaitUntil(store, id, s => s.SilosWorking > 0, TimeSpan.FromSeconds(30), () => silo.Log);
        Assert.True(await store.CancelAsync(id));
        Assert.False(await store.CancelAsync(id));

        // The silo notices at its next heartbeat and drops the cells.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!silo.Log.Contains("stopped (job cancelled") && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Contains("stopped (job cancelled", silo.Log);
        var status = (await store.StatusAsync(id))!;
        Assert.Equal("cancelled", status.State);
        Assert.Equal(0, status.SilosWorking);
        await using var leased = database.CreateCommand("SELECT count(*) FROM regions.cells WHERE job_id = @id AND state = 'leased'");
        leased.Parameters.AddWithValue("id", id);
        Assert.Equal(0L, (long)(await leased.ExecuteScalarAsync())!);
        Assert.True(status.CellsDone < status.Cells);
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
        foreach (var d in databases) await d.DisposeAsync();
    }
}
