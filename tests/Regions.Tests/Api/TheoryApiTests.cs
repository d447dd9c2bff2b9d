using System.Net;
using System.Numerics;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Tests.Support;
using Regions.Theory.Bounds;

namespace Regions.Tests.Api;

/// <summary>POST /bounds and POST /constructions/{name} through the typed client, against a real server process.</summary>
public sealed class TheoryApiTests : IClassFixture<EmbeddedApiTests.Server>
{
    private readonly RegionsClient client;

    public TheoryApiTests(EmbeddedApiTests.Server fixture) => client = new RegionsClient(fixture.Process.Address);

    [Fact]
    public async Task Bounds_are_the_catalogs_exact_values_with_the_papers_worked_examples()
    {
        var bounds = await client.BoundsAsync(new BoundsRequest(2, [4, 4]));
        var catalog = BoundCatalog.For(2, [4, 4], null);
        Assert.Equal(catalog.Select(b => b.Id), bounds.Select(b => b.Id));
        Assert.Equal(catalog.Select(b => b.ValueText), bounds.Select(b => b.Value));
        // Pascanu et al. 2013: two layers of 4 units on 2 inputs give 44 regions; a shallow net of 8 at most 37.
        Assert.Contains(bounds, b => b.Value == "44" && b.Kind == "lower");
        Assert.Contains(bounds, b => b.Value == "37" && b.Subject == "shallow");
        Assert.All(bounds, b => Assert.True(b.Value is not null ^ b.NotApplicable is not null));
    }

    [Fact]
    public async Task Bounds_of_a_huge_architecture_are_exact_decimal_strings()
    {
        var bounds = await client.BoundsAsync(new BoundsRequest(4, Enumerable.Repeat(1000, 50).ToArray()));
        // The trivial bound 2^N with N = 50,000 units: 15,052 digits, every one of them.
        Assert.Contains(bounds, b => b.Value == BigInteger.Pow(2, 50_000).ToString());
        Assert.Equal(BoundCatalog.For(4, Enumerable.Repeat(1000, 50).ToArray(), null).Select(b => b.ValueText), bounds.Select(b => b.Value));
    }

    [Theory]
    [InlineData(0, "inputs must be between 1")]
    [InlineData(2, "widths must be between 1")]
    public async Task Bad_architectures_get_a_400(int inputs, string message)
    {
        var error = await Assert.ThrowsAsync<RegionsApiException>(() => client.BoundsAsync(new BoundsRequest(inputs, inputs == 0 ? [4] : [4, 0])));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_construction_is_the_same_file_the_cli_writes_and_counts_to_its_meta()
    {
        var json = await client.ConstructAsync("pascanu-2n0", new ConstructionRequest(2, [4, 4]));
        var network = NetworkReader.Parse(json.GetRawText());
        var local = Theory.Constructions.NetworkConstructions.Build("pascanu-2n0", new Theory.Constructions.ConstructionRequest(2, [4, 4]));
        Assert.Equal(NetworkWriter.ToJson(local), NetworkWriter.ToJson(network));
        Assert.Equal("44", network.Meta!["expectedActivationRegions"]!.ToString());
        var count = await client.CountAsync(new JobRequest(json, Points: 400_000, Cells: 16));
        Assert.Equal(44, count.Regions);
        var exact = await client.CountAsync(new JobRequest(json, Method: "exact", Cells: 4));
        Assert.Equal(44, exact.Regions);
        Assert.False(exact.LowerBound);
        var linear = await client.CountAsync(new JobRequest(json, Method: "exact", Cells: 4, Definition: "linear"));
        Assert.Equal(long.Parse(network.Meta!["expectedLinearRegions"]!.ToString()), linear.Regions);
        Assert.Equal("linear", linear.Definition);
        var refused = await Assert.ThrowsAsync<RegionsApiException>(() => client.CountAsync(new JobRequest(json, Definition: "linear")));
        Assert.Contains("linear regions need the exact method", refused.Message);
        var job = await client.WaitAsync((await client.SubmitAsync(new JobRequest(json, Method: "exact", Cells: 9))).Id, TimeSpan.FromMilliseconds(50));
        Assert.Equal(44, job.Regions);
        Assert.Equal("exact", job.Method);
    }

    [Fact]
    public async Task Unknown_constructions_are_404_and_bad_shapes_400()
    {
        var unknown = await Assert.ThrowsAsync<RegionsApiException>(() => client.ConstructAsync("nope", new ConstructionRequest(2, [4])));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("no construction named 'nope'", unknown.Message);
        var bad = await Assert.ThrowsAsync<RegionsApiException>(() => client.ConstructAsync("shallow", new ConstructionRequest(0, [4])));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("inputs: shallow needs at least 1, got 0", bad.Message);
    }
}
