using Regions.Client;
using Regions.Grains.Jobs;

namespace Regions.Silo.Api;

/// <summary>Where the API's jobs live: the cluster database, or this process (embedded single silo).</summary>
internal interface IJobService
{
    Task<JobStatusResponse> SubmitAsync(CountJob job, CancellationToken cancel);

    Task<JobStatusResponse?> GetAsync(long id, CancellationToken cancel);

    Task<IReadOnlyList<JobStatusResponse>> ListAsync(CancellationToken cancel);

    /// <summary>Cancels an open job; returns its status afterwards, or null when there is no such job.</summary>
    Task<JobStatusResponse?> CancelAsync(long id, CancellationToken cancel);
}
