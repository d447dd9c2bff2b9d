using Orleans.Concurrency;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>Submission and listing: stateless, so every silo answers them locally.</summary>
[StatelessWorker]
internal sealed class JobsGrain(IJobStore store) : Grain, IJobsGrain
{
    public async Task<JobStatus> Submit(JobSpec job)
    {
        var id = await store.SubmitAsync(job);
        var grain = GrainFactory.GetGrain<IJobGrain>(id);
        await grain.Resume();
        return (await grain.Status())!;
    }

    public Task<IReadOnlyList<JobStatus>> List(int limit) => store.ListAsync(limit);
}
