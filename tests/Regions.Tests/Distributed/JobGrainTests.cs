using Regions.Grains.Distributed;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;
using Regions.Theory.Constructions;

namespace Regions.Tests.Distributed;

/// <summary>The grains on a three-silo in-process cluster: the same counts as the embedded runner, exactly-once merging, cancel, poison cells.</summary>
[Collection(GrainClusterCollection.Name)]
public class JobGrainTests(GrainCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sampling_exact_and_linear_jobs_give_the_embedded_runners_counts()
    {
        var sample = new CountJob(TestNetworks.Random(17, 2, [16, 16]), Box.Cube(2, -1, 1), CountMethod.Sample, 600_000, 24, 3, SamplerKind.Random);
        var exact = new CountJob(NetworkConstructions.Build("montufar", new ConstructionRequest(2, [4, 4, 3])), Box.Cube(2, 0, 1), CountMethod.Exact, 0, 16, 0, SamplerKind.Random);
        var linear = new CountJob(TestNetworks.FoldedOnCellFace(), Box.Cube(2, -1, 1), CountMethod.Exact, 0, 4, 0, SamplerKind.Random) { Definition = RegionDefinition.Linear };

        foreach (var job in new[] { sample, exact, linear })
        {
            var expected = EmbeddedRunner.Run(job);
            var done = await cluster.WaitUntil(await cluster.Submit(job), s => s.State != JobStatus.Open, Patience);
            Assert.Equal(JobStatus.Done, done.State);
            Assert.Equal(expected.Regions, done.Regions);
            Assert.Equal(expected.Points, done.PointsDone);
            if (job.Method == CountMethod.Sample) Assert.Equal((expected.Singletons, expected.Doubletons), (done.SeenOnce!.Value, done.SeenTwice!.Value));
        }
        Assert.Equal(112, EmbeddedRunner.Run(exact).Regions);
        Assert.True(EmbeddedRunner.Run(linear).Regions < EmbeddedRunner.Run(linear with { Definition = RegionDefinition.Activation }).Regions);
    }

    [Fact]
    public async Task A_cell_delivered_twice_or_recorded_twice_changes_nothing()
    {
        var job = JobSpec.From(new CountJob(TestNetworks.Random(5, 2, [8]), Box.Cube(2, -1, 1), CountMethod.Sample, 1000, 2, 0, SamplerKind.Random)) with { Shards = 1 };
        var id = await GrainCluster.Store.SubmitAsync(job);
        await GrainCluster.Store.EndAsync(id, JobStatus.Cancelled, null); // nobody runs it: the test delivers its cells by hand
        UInt128[] keys = [1, 2, 3, UInt128.MaxValue];
        var block = FingerprintBlock.Of(keys, [5, 1, 2, 7]);
        var record = new CellRecord(id, 0, 15, [block], null);
        Assert.True(await GrainCluster.Store.RecordCellAsync(record));
        Assert.False(await GrainCluster.Store.RecordCellAsync(record));

        var shard = cluster.Grains.GetGrain<IPatternShardGrain>(id, "0");
        await shard.Merge(0, block);
        await shard.Merge(0, block);
        await shard.Merge(1, FingerprintBlock.Of([(UInt128)3, 4], [1, 1]));
        var summary = await shard.Complete();
        // Cell 0 counted once: hits 1:5, 2:1, 3:2+1, max:7, 4:1, so five patterns, two of them seen once, none twice.
        Assert.Equal(new ShardSummary(5, SeenOnce: 2, SeenTwice: 0), summary);
    }

    [Fact]
    public async Task Cancel_stops_the_cells_on_every_silo()
    {
        var job = new CountJob(TestNetworks.Random(17, 2, [16, 16]), Box.Cube(2, -1, 1), CountMethod.Sample, 2_000_000_000, 30, 1, SamplerKind.Random);
        var id = await cluster.Submit(job);
        await cluster.WaitUntil(id, s => s.SilosWorking == 3, Patience);
        var cancelled = await cluster.Grains.GetGrain<IJobGrain>(id).Cancel();
        Assert.Equal(JobStatus.Cancelled, cancelled!.State);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (cluster.SiloWork().Any(w => w.Gate.CurrentCount < w.Threads) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.All(cluster.SiloWork(), w => Assert.Equal(w.Threads, w.Gate.CurrentCount));
        var after = (await cluster.Grains.GetGrain<IJobGrain>(id).Status())!;
        Assert.Equal(JobStatus.Cancelled, after.State);
        Assert.True(after.CellsDone < after.Cells);
        Assert.Null(await cluster.Grains.GetGrain<IJobGrain>(424242).Status());
    }

    [Fact]
    public async Task A_cell_that_always_throws_fails_its_job_with_the_message_and_the_silos_go_on()
    {
        var wide = TestNetworks.Random(2, 11, [4]);
        var poison = new CountJob(wide, Box.Cube(11, -1, 1), CountMethod.Exact, 0, 2, 0, SamplerKind.Random);
        var failed = await cluster.WaitUntil(await cluster.Submit(poison), s => s.State != JobStatus.Open, Patience);
        Assert.Equal(JobStatus.Failed, failed.State);
        Assert.Contains("exact enumeration in a box handles up to", failed.Error);
        // The input's own refusal: the job fails with its message at the first attempt, not after three.
        Assert.StartsWith("exact enumeration in a box", failed.Error);
        Assert.Null(failed.Regions);

        var healthy = new CountJob(TestNetworks.Random(9, 2, [6]), Box.Cube(2, -1, 1), CountMethod.Exact, 0, 4, 0, SamplerKind.Random);
        var done = await cluster.WaitUntil(await cluster.Submit(healthy), s => s.State != JobStatus.Open, Patience);
        Assert.Equal(EmbeddedRunner.Run(healthy).Regions, done.Regions);
    }

    [Fact]
    public async Task A_stored_job_that_cannot_be_read_back_fails_after_three_attempts_instead_of_waiting_forever()
    {
        // A side that is no number: not the input's refusal (a FormatException), so the rule tries the cell three times.
        var spec = JobSpec.From(new CountJob(TestNetworks.Random(5, 2, [4]), Box.Cube(2, -1, 1), CountMethod.Sample, 1000, 2, 0, SamplerKind.Random)) with { Box = "-1:x,-1:1" };
        var id = await GrainCluster.Store.SubmitAsync(spec);
        await cluster.Grains.GetGrain<IJobGrain>(id).Resume();
        var failed = await cluster.WaitUntil(id, s => s.State != JobStatus.Open, Patience);
        Assert.Equal(JobStatus.Failed, failed.State);
        Assert.Matches("^cell [01] failed 3 times: ", failed.Error);
    }
}
