using Regions.Grains.Jobs;
using Regions.Grains.Storage;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Cluster;

/// <summary>A job on a slice stored in PostgreSQL (the slice column) and run by silo processes: the embedded count.</summary>
[Collection(PostgresCollection.Name)]
public class SliceJobTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Sampled_and_exact_jobs_on_a_plane_keep_their_slice_in_the_store_and_give_the_embedded_count()
    {
        var (database, store) = await ClusterHarness.Connect(server);
        var plane = AffineSlice.ParsePlane("0.5,-0.25:1.5,0.5:-0.5,1.25", 2);
        var sample = ClusterHarness.Job(points: 200_000, cells: 12) with { Domain = Box.Cube(2, -0.5, 0.5), Slice = plane };
        var exact = sample with { Method = CountMethod.Exact, Points = 0 };

        // A box job's row has no slice; a slice job's row gives back the same slice.
        var boxId = await ClusterHarness.Submit(store, ClusterHarness.Job(points: 100, cells: 1));
        Assert.Null((await store.LoadAsync(boxId))!.Value.Spec.Slice);
        await store.EndAsync(boxId, JobStatus.Cancelled, null);

        var silos = ClusterHarness.Silos(database, "slice", 2);
        try
        {
            foreach (var job in new[] { sample, exact })
            {
                var id = await ClusterHarness.Submit(store, job);
                Assert.Equal(plane.ToString(), (await store.LoadAsync(id))!.Value.Spec.Slice);
                var done = await ClusterHarness.WaitUntil(store, id, s => s.State != JobStatus.Open, Patience, () => ClusterHarness.Logs(silos));
                Assert.Equal(JobStatus.Done, done.State);
                Assert.Equal(ClusterHarness.Embedded(job), done.Regions);
            }
            // Both ran on the plane, not on the box of the inputs: the sample is a lower bound of the exact count.
            Assert.True(ClusterHarness.Embedded(sample) <= ClusterHarness.Embedded(exact));
            Assert.NotEqual(ClusterHarness.Embedded(exact), ClusterHarness.Embedded(exact with { Slice = null }));
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }
}
