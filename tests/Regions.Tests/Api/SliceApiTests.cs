using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Onnx;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>
/// Jobs on a slice through the API, against a real server process: a sampled plane through three digit images
/// answers the CLI's count, synchronously and as a stored job run by the server's silo; bad slices are 400s.
/// </summary>
public sealed class SliceApiTests : IClassFixture<SliceApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ServerProcess Process { get; } = ServerProcess.Start();

        public void Dispose() => Process.Dispose();
    }

    private readonly ServerProcess server;
    private readonly RegionsClient client;

    public SliceApiTests(Server fixture)
    {
        server = fixture.Process;
        client = new RegionsClient(server.Address);
    }

    private static string Model => Fixtures.OnnxFile("cnn_digits.onnx");

    private static string Digits => Fixtures.OnnxFile("digits.csv");

    private static JsonElement NetworkJson(string onnx) =>
        JsonDocument.Parse(NetworkWriter.ToJson(OnnxImporter.Import(File.ReadAllBytes(onnx)), indented: false)).RootElement;

    private static double[] Row(int index) =>
        File.ReadAllLines(Digits)[index + 1].Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The plane through rows 0, 12 and 25 as --plane-through builds it: x = A + u (B - A) + v (C - A).</summary>
    private static SliceRequest PlaneThroughDigits()
    {
        var (a, b, c) = (Row(0), Row(12), Row(25));
        return new SliceRequest(a, [b.Zip(a, (x, y) => x - y).ToArray(), c.Zip(a, (x, y) => x - y).ToArray()]);
    }

    private static long CliCount(params string[] args)
    {
        var (code, output, error) = CliRun.Run([.. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("regions").GetInt64();
    }

    [Fact]
    public async Task A_sampled_plane_through_three_digits_counts_as_the_cli_now_and_as_a_job()
    {
        var expected = CliCount("count", "--model", Model, "--data", Digits, "--plane-through", "0,12,25", "--points", "10000", "--cells", "8", "--seed", "3");
        var request = new JobRequest(NetworkJson(Model), "-0.25:1.25,-0.25:1.25", Points: 10_000, Cells: 8, Seed: 3, Slice: PlaneThroughDigits());

        var now = await client.CountAsync(request);
        Assert.Equal(expected, now.Regions);
        Assert.True(now.LowerBound);
        Assert.Equal("sample", now.Method);
        Assert.NotNull(now.Estimate);

        // A stored job reaches the server's silo as a JobSpec: the slice must travel with it.
        var submitted = await client.SubmitAsync(request);
        var done = await client.WaitAsync(submitted.Id, TimeSpan.FromMilliseconds(100));
        Assert.Equal("done", done.State);
        Assert.Equal(expected, done.Regions);
        Assert.True(done.LowerBound);
    }

    [Fact]
    public async Task An_exact_plane_through_three_digits_is_a_synchronous_count_whatever_the_64_inputs()
    {
        // The synchronous limit is on the enumerated domain's dimension (the plane's 2), not on the network's inputs.
        var expected = CliCount("count", "--model", Model, "--method", "exact", "--data", Digits, "--plane-through", "0,12,25");
        var now = await client.CountAsync(new JobRequest(NetworkJson(Model), "-0.25:1.25,-0.25:1.25", Method: "exact", Slice: PlaneThroughDigits()));
        Assert.Equal(expected, now.Regions);
        Assert.False(now.LowerBound);
    }

    [Fact]
    public async Task A_sampled_segment_of_the_moons_mlp_counts_as_the_cli()
    {
        var model = Fixtures.OnnxFile("mlp_moons_relu.onnx");
        var expected = CliCount("count", "--model", model, "--segment", "-1,0.5:1,-0.25:-2:3", "--points", "20000", "--cells", "8");
        var count = await client.CountAsync(new JobRequest(NetworkJson(model), "-2:3", Points: 20_000, Cells: 8, Slice: new SliceRequest([-1, 0.5], [[1, -0.25]])));
        Assert.Equal(expected, count.Regions);
        var exact = CliCount("count", "--model", model, "--method", "exact", "--segment", "-1,0.5:1,-0.25:-2:3");
        Assert.InRange(count.Regions, 2, exact);
    }

    [Theory]
    [InlineData("""{"network": NET, "box":"0:1,0:1", "slice": {"origin":[0,0,0], "directions":[[1,0,0],[0,1,0]]}}""", "the slice has 3 coordinates but the network has 2 inputs")]
    [InlineData("""{"network": NET, "box":"0:1,0:1", "slice": {"origin":[0,0], "directions":[[1,0],[0,1,0]]}}""", "slice: a slice direction has 3 coordinates but the origin has 2")]
    [InlineData("""{"network": NET, "box":"0:1", "slice": {"origin":[0,0], "directions":[[1,0],[0,1],[1,1]]}}""", "slice: a slice is a segment (1 direction) or a plane (2), not 3 directions")]
    [InlineData("""{"network": NET, "box":"0:1,0:1", "slice": {"origin":[0,0], "directions":[[1,1],[2,2]]}}""", "slice: the two directions are parallel")]
    [InlineData("""{"network": NET, "box":"0:1", "slice": {"origin":[0,0], "directions":[[0,0]]}}""", "slice: a slice direction is zero")]
    [InlineData("""{"network": NET, "slice": {"origin":[0,0], "directions":[[1,0]]}}""", "box: required with a slice")]
    [InlineData("""{"network": NET, "box":"0:1,0:1,0:1", "slice": {"origin":[0,0], "directions":[[1,0],[0,1]]}}""", "box: box '0:1,0:1,0:1' has 3 sides")]
    [InlineData("""{"network": NET, "box":"0:1", "slice": {"origin":[1e200,0], "directions":[[1,0]]}}""", "slice: 1E+200 reaches beyond the supported coordinates")]
    [InlineData("""{"network": NET, "box":"0:1", "slice": {"directions":[[1,0]]}}""", "slice: origin is required")]
    [InlineData("""{"network": NET, "box":"0:1", "method":"exact", "definition":"linear", "points":0, "slice": {"origin":[0,0], "directions":[[1,0]]}, "cells": 0}""", "cells must be in")]
    public async Task Bad_slices_get_a_one_line_400_and_store_nothing(string body, string message)
    {
        var before = (await client.ListJobsAsync()).Count;
        using var http = new HttpClient { BaseAddress = server.Address };
        var network = NetworkWriter.ToJson(OnnxImporter.Import(File.ReadAllBytes(Fixtures.OnnxFile("mlp_moons_relu.onnx"))), indented: false);
        foreach (var path in new[] { "jobs", "count" })
        {
            var response = await http.PostAsync(path, new StringContent(body.Replace("NET", network), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonSerializer.Deserialize<Problem>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            Assert.Contains(message, problem.Detail);
            Assert.DoesNotContain('\n', problem.Detail!);
        }
        Assert.Equal(before, (await client.ListJobsAsync()).Count);
    }
}
