using Regions.Client;
using Regions.Cluster.Jobs;
using Regions.Grains.Jobs;
using Regions.Grains.Storage;
using Regions.Kernel.Format;
using Regions.Silo.Api;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// Where the job verbs (submit, status, result, cancel, jobs) send their requests: straight to the
/// cluster database (--db) or to a running API server through the typed client (--server).
/// </summary>
internal abstract class JobBackend : IDisposable
{
    /// <summary>The database backend unless <paramref name="server"/> is given; giving both is a usage error.</summary>
    public static JobBackend Open(string? db, string? server, string? token)
    {
        if (server is null) return new DatabaseBackend(ClusterOptions.ConnectAsync(db).GetAwaiter().GetResult());
        if (db is not null) throw new InvalidRequestException("give either --db or --server, not both");
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new InvalidRequestException($"--server: '{server}' is not an http(s) URL");
        return new ServerBackend(new RegionsClient(address, token ?? Environment.GetEnvironmentVariable(ServeCommand.TokenVariable)));
    }

    public abstract JobStatusResponse Submit(CountJob job);

    /// <summary>The job's status; a usage error when there is no such job.</summary>
    public abstract JobStatusResponse Get(long id);

    public abstract IReadOnlyList<JobStatusResponse> List(int limit);

    /// <summary>Cancels the job; returns false when it had already ended.</summary>
    public abstract bool Cancel(long id);

    public virtual void Dispose()
    {
    }

    /// <summary>
    /// Straight to the cluster's database: a submitted job is picked up by the silos' open-job watch within a
    /// second, a cancelled one is stopped on every silo by its job grain at its next progress report.
    /// </summary>
    private sealed class DatabaseBackend(Npgsql.NpgsqlDataSource database) : JobBackend
    {
        private readonly PostgresJobStore store = new(database);

        public override JobStatusResponse Submit(CountJob job) => Get(store.SubmitAsync(JobSpec.From(job)).GetAwaiter().GetResult());

        public override JobStatusResponse Get(long id) =>
            JobResponses.From(store.StatusAsync(id).GetAwaiter().GetResult() ?? throw new InvalidRequestException($"there is no job {id}"));

        public override IReadOnlyList<JobStatusResponse> List(int limit) =>
            store.ListAsync(limit).GetAwaiter().GetResult().Select(JobResponses.From).ToArray();

        public override bool Cancel(long id)
        {
            Get(id);
            return store.EndAsync(id, JobStatus.Cancelled, null).GetAwaiter().GetResult();
        }

        public override void Dispose() => database.Dispose();
    }

    private sealed class ServerBackend(RegionsClient client) : JobBackend
    {
        public override JobStatusResponse Submit(CountJob job)
        {
            var network = System.Text.Json.JsonDocument.Parse(NetworkWriter.ToJson(job.Network, indented: false)).RootElement;
            var request = new JobRequest(network, job.Domain.ToString(), job.Method.ToToken(), job.Points, job.Cells, job.Seed,
                job.Sampler.ToToken(), job.Definition.ToToken(), job.Slice is { } slice ? new SliceRequest(slice.Origin, slice.Directions) : null);
            return Call(() => client.SubmitAsync(request));
        }

        public override JobStatusResponse Get(long id) => Call(() => client.GetJobAsync(id));

        public override IReadOnlyList<JobStatusResponse> List(int limit) => Call(() => client.ListJobsAsync()).Take(limit).ToArray();

        public override bool Cancel(long id)
        {
            var before = Get(id);
            return before.State == "open" && Call(() => client.CancelAsync(id)).State == "cancelled";
        }

        private static T Call<T>(Func<Task<T>> request)
        {
            try
            {
                return request().GetAwaiter().GetResult();
            }
            catch (RegionsApiException e)
            {
                throw new InvalidRequestException($"the server refused: {e.Message}");
            }
            catch (HttpRequestException e)
            {
                throw new InvalidRequestException($"cannot reach the server: {e.Message}");
            }
        }
    }
}
