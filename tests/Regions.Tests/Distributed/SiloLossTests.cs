using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Grains.Storage;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Distributed;

/// <summary>A silo lost mid-job on its own in-process cluster: its cells run again elsewhere, its shards are rebuilt from the recorded cells.</summary>
public class SiloLossTests
{
    [Fact]
    public async Task Losing_a_silo_mid_job_gives_the_same_count()
    {
        using var cluster = new GrainCluster();
        var job = new CountJob(TestNetworks.Random(17, 2, [16, 16]), Box.Cube(2, -1, 1), CountMethod.Sample, 6_000_000, 48, 7, SamplerKind.Random);
        var expected = EmbeddedRunner.Run(job);
        var id = await cluster.Submit(job);
        await cluster.WaitUntil(id, s => s.CellsDone >= 6 && s.SilosWorking == 3, TimeSpan.FromSeconds(60));
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.SecondarySilos[0]);
        var done = await cluster.WaitUntil(id, s => s.State != JobStatus.Open, TimeSpan.FromSeconds(120));
        Assert.Equal(JobStatus.Done, done.State);
        Assert.Equal(expected.Regions, done.Regions);
        Assert.Equal(job.Points, done.PointsDone);
    }
}
