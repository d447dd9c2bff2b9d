using Regions.Client;
using Regions.Cluster.Jobs;
using Regions.Grains.Jobs;
using Regions.Grains.Merging;

namespace Regions.Silo.Api;

/// <summary>Jobs in PostgreSQL, computed by whatever silos are running.</summary>
internal sealed class ClusterJobService(JobStore store) : IJobService
{
    public async Task<JobStatusResponse> SubmitAsync(CountJob job, CancellationToken cancel)
    {
        var id = await store.SubmitAsync(job, cancel);
        return ToResponse((await store.StatusAsync(id, cancel))!);
    }

    public async Task<JobStatusResponse?> GetAsync(long id, CancellationToken cancel) =>
        await store.StatusAsync(id, cancel) is { } status ? ToResponse(status) : null;

    public async Task<IReadOnlyList<JobStatusResponse>> ListAsync(CancellationToken cancel) =>
        (await store.ListAsync(100, cancel)).Select(ToResponse).ToArray();

    public async Task<JobStatusResponse?> CancelAsync(long id, CancellationToken cancel)
    {
        await store.CancelAsync(id, cancel);
        return await GetAsync(id, cancel);
    }

    public static JobStatusResponse ToResponse(JobStatus s)
    {
        Estimate? estimate = null;
        if (s.Method == "sample" && s.Regions is { } regions && s.SeenOnce is { } f1 && s.SeenTwice is { } f2)
        {
            var chao = Chao1.From(regions, f1, f2);
            estimate = new Estimate("chao1", chao.Estimate, chao.Lower, chao.Upper, f1, f2);
        }
        return new JobStatusResponse(s.Id, s.State, s.Method, s.Cells, s.CellsDone, s.Points, s.PointsDone, s.DistinctSoFar, s.SilosWorking,
            s.CreatedAt, s.FinishedAt, s.EtaSeconds(DateTimeOffset.UtcNow), s.Regions, s.Regions is null ? null : s.Method == "sample", estimate, s.Definition);
    }
}
