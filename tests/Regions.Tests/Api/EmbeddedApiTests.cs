using System.Net;
using System.Text;
using System.Text.Json;
using Regions.Client;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>The API on the embedded silo, through the typed client, against a real server process.</summary>
public sealed class EmbeddedApiTests : IClassFixture<EmbeddedApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ServerProcess Process { get; } = ServerProcess.Start();

        public void Dispose() => Process.Dispose();
    }

    private readonly ServerProcess server;
    private readonly RegionsClient client;

    public EmbeddedApiTests(Server fixture)
    {
        server = fixture.Process;
        client = new RegionsClient(server.Address);
    }

    private static readonly Kernel.Model.Network Network = TestNetworks.Random(8, 2, [12, 12]);

    private static JsonElement NetworkJson => JsonDocument.Parse(NetworkWriter.ToJson(Network)).RootElement;

    [Fact]
    public async Task A_submitted_job_gives_the_embedded_runners_count()
    {
        var request = new JobRequest(NetworkJson, "-1:1", Points: 300_000, Cells: 12, Seed: 4);
        var submitted = await client.SubmitAsync(request);
        var done = await client.WaitAsync(submitted.Id, TimeSpan.FromMilliseconds(50));
        var expected = EmbeddedRunner.Run(new CountJob(Network, Box.Cube(2, -1, 1), CountMethod.Sample, 300_000, 12, 4, SamplerKind.Random));
        Assert.Equal("done", done.State);
        Assert.Equal(expected.Regions, done.Regions);
        Assert.True(done.LowerBound);
        Assert.Contains(await client.ListJobsAsync(), j => j.Id == submitted.Id);
    }

    [Fact]
    public async Task A_synchronous_count_and_a_cancelled_job()
    {
        var count = await client.CountAsync(new JobRequest(NetworkJson, "-1:1", Points: 100_000, Cells: 4));
        Assert.True(count.Regions > 10);
        var big = await client.SubmitAsync(new JobRequest(NetworkJson, "-1:1", Points: 500_000_000, Cells: 200));
        var cancelled = await client.CancelAsync(big.Id);
        Assert.Equal("cancelled", cancelled.State);
        Assert.Null(cancelled.Regions);
    }

    [Fact]
    public async Task Evaluate_returns_the_pattern_and_the_regions_affine_map()
    {
        double[] point = [0.3, -0.2];
        var response = await client.EvaluateAsync(new EvaluateRequest(NetworkJson, point));
        var maps = RegionMaps.At(Network, point);
        Assert.Equal(Fingerprint.ToHex(Fingerprint.Of(maps.Pattern)), response.Fingerprint);
        Assert.Equal(maps.Outputs[0].Gradient, response.OutputMaps[0].Gradient);
        Assert.Equal(new Interpreter(Network).Forward(point)[0], response.Outputs[0]);
        Assert.Equal(12, response.States[0].Length);
    }

    [Theory]
    [InlineData("""{"network": {"format":"pwl-network/1","inputs":2,"layers":[{"activation":"relu","weights":[[1]],"biases":[0]}]}, "box":"0:1"}""", "network: layers[0].weights[0]: 1 columns, expected 2")]
    [InlineData("""{"network": NET, "box":"0:1", "points": 5000000000000}""", "points: 5000000000000 exceeds")]
    [InlineData("""{"network": NET, "box":"0:1", "cells": 0}""", "cells must be in")]
    [InlineData("""{"network": NET, "box":"0:1,0:1,0:1"}""", "box: box '0:1,0:1,0:1' has 3 sides")]
    [InlineData("""{"network": NET}""", "box: required (the network's meta records no domain)")]
    [InlineData("""{"network": 3, "box":"0:1"}""", "network: expected a pwl-network/1 or pwl-network/2 object")]
    [InlineData("""{"network": """, "malformed JSON body")]
    public async Task Bad_jobs_get_a_400_with_a_clear_message_and_store_nothing(string body, string message)
    {
        var before = (await client.ListJobsAsync()).Count;
        using var http = new HttpClient { BaseAddress = server.Address };
        var content = new StringContent(body.Replace("NET", NetworkWriter.ToJson(Network, indented: false)), Encoding.UTF8, "application/json");
        var response = await http.PostAsync("jobs", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonSerializer.Deserialize<Problem>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Contains(message, problem.Detail);
        Assert.Equal(before, (await client.ListJobsAsync()).Count);
    }

    [Fact]
    public async Task A_wrong_content_type_gets_a_415_that_says_so()
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        var response = await http.PostAsync("jobs", new StringContent("{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("expected Content-Type: application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_method_gets_a_405_problem_with_a_body()
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        var response = await http.PutAsync("jobs", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/jobs does not take PUT", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_jobs_are_404_and_the_openapi_document_lists_the_endpoints()
    {
        var error = await Assert.ThrowsAsync<RegionsApiException>(() => client.GetJobAsync(999_999));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("there is no job 999999", error.Message);
        using var http = new HttpClient { BaseAddress = server.Address };
        var openapi = await http.GetStringAsync("openapi/v1.json");
        foreach (var path in new[] { "/jobs", "/jobs/{id}", "/count", "/evaluate", "/bounds", "/constructions/{name}" }) Assert.Contains($"\"{path}\"", openapi);
    }
}
