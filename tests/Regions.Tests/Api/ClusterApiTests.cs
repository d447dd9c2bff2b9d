using System.Net;
using System.Text;
using System.Text.Json;
using Regions.Client;
using Regions.Cluster;
using Regions.Kernel.Format;
using Regions.Tests.Cluster;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>The same API as an Orleans client of the cluster: jobs go through the job grains on the silo processes.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterApiTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_job_over_http_gets_the_embedded_count_and_the_client_survives_its_gateways_dying()
    {
        var (database, store) = await ClusterHarness.Connect(postgres);
        var silos = ClusterHarness.Silos(database, "g", 2);
        try
        {
            using var server = ServerProcess.Start("--db", database.ConnectionString);
            var client = new RegionsClient(server.Address);
            var job = ClusterHarness.Job(points: 400_000, cells: 8);
            var network = JsonDocument.Parse(NetworkWriter.ToJson(job.Network)).RootElement;
            var request = new JobRequest(network, job.Domain.ToString(), Points: job.Points, Cells: job.Cells, Seed: job.Seed);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

            var first = await client.WaitAsync((await client.SubmitAsync(request)).Id, TimeSpan.FromMilliseconds(100), timeout.Token);
            Assert.Equal(ClusterHarness.Embedded(job), first.Regions);
            Assert.NotNull(first.Estimate);

            // Replace both silos one at a time: the client moves to whichever gateway is alive.
            silos[0].KillHard();
            silos.Add(SiloProcess.Start(database.ConnectionString, "g2"));
            silos[1].KillHard();
            var again = await client.WaitAsync((await Retry(() => client.SubmitAsync(request), timeout.Token)).Id, TimeSpan.FromMilliseconds(100), timeout.Token);
            Assert.Equal(first.Regions, again.Regions);
        }
        finally
        {
            foreach (var silo in silos) silo.Dispose();
        }
    }

    [Fact]
    public async Task Bad_input_through_the_api_gets_a_400_and_stores_nothing()
    {
        var (database, store) = await ClusterHarness.Connect(postgres);
        using var silo = SiloProcess.Start(database.ConnectionString, "bad");
        using var server = ServerProcess.Start("--db", database.ConnectionString);
        using var http = new HttpClient { BaseAddress = server.Address };
        foreach (var body in new[] { "{\"network\": {\"format\": \"nope\"}}", "{\"network\": 1", "{\"network\": {}, \"cells\": -1}" })
        {
            var response = await http.PostAsync("jobs", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Empty(await store.ListAsync(10));
    }

    /// <summary>While the cluster notices a dead gateway a call can fail once; the client's next call goes to a live one.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RegionsApiException) when (!cancel.IsCancellationRequested)
            {
                await Task.Delay(500, cancel);
            }
        }
    }
}
