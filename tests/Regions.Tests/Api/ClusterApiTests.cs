using System.Text.Json;
using Regions.Client;
using Regions.Cluster;
using Regions.Kernel.Format;
using Regions.Tests.Cluster;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>The same API in front of the cluster: jobs go to PostgreSQL, a silo process computes them.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterApiTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_job_submitted_over_http_is_computed_by_a_silo_with_the_embedded_count()
    {
        var connection = postgres.CreateDatabase();
        (await Database.ConnectAsync(connection)).Dispose();
        using var server = ServerProcess.Start("--db", connection);
        var client = new RegionsClient(server.Address);
        var job = ClusterHarness.Job(points: 400_000, cells: 8);
        var network = JsonDocument.Parse(NetworkWriter.ToJson(job.Network)).RootElement;
        var submitted = await client.SubmitAsync(new JobRequest(network, job.Domain.ToString(), Points: job.Points, Cells: job.Cells, Seed: job.Seed));
        Assert.Equal("open", submitted.State);
        using var silo = SiloProcess.Start(connection, "api-silo", exitWhenIdle: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitAsync(submitted.Id, TimeSpan.FromMilliseconds(100), timeout.Token);
        Assert.Equal(ClusterHarness.Embedded(job), done.Regions);
        Assert.NotNull(done.Estimate);
    }
}
