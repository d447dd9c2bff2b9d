using Regions.Client;
using Regions.Grains.Distributed;
using Regions.Grains.Jobs;
using Regions.Grains.Storage;

namespace Regions.Silo.Api;

/// <summary>
/// The API's jobs, through the grains: the in-process silo of <c>regions serve</c>, or the cluster that
/// <c>regions serve --db</c> is a client of. Either way the same job grain answers.
/// </summary>
internal sealed class GrainJobService(IGrainFactory grains) : IJobService
{
    public async Task<JobStatusResponse> SubmitAsync(CountJob job, CancellationToken cancel)
    {
        job = job.Validated();
        return JobResponses.From(await grains.GetGrain<IJobsGrain>(0).Submit(JobSpec.From(job)));
    }

    public async Task<JobStatusResponse?> GetAsync(long id, CancellationToken cancel) =>
        await grains.GetGrain<IJobGrain>(id).Status() is { } status ? JobResponses.From(status) : null;

    public async Task<IReadOnlyList<JobStatusResponse>> ListAsync(CancellationToken cancel) =>
        (await grains.GetGrain<IJobsGrain>(0).List(100)).Select(JobResponses.From).ToArray();

    public async Task<JobStatusResponse?> CancelAsync(long id, CancellationToken cancel) =>
        await grains.GetGrain<IJobGrain>(id).Cancel() is { } status ? JobResponses.From(status) : null;
}
