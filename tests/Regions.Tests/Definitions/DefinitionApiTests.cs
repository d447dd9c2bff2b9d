using System.Net;
using System.Text.Json;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Tests.Api;

namespace Regions.Tests.Definitions;

/// <summary>The API's <c>definition</c>: POST /count counts every notion embedded; POST /jobs refuses those it cannot merge across silos.</summary>
public sealed class DefinitionApiTests(EmbeddedApiTests.Server fixture) : IClassFixture<EmbeddedApiTests.Server>
{
    private readonly RegionsClient client = new(fixture.Process.Address);

    private static readonly JsonElement Diamond = JsonDocument.Parse(NetworkWriter.ToJson(
        DefinitionCounts.Relu(2, [[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0], [1, 1, 1, 1]), indented: false)).RootElement;

    [Theory]
    [InlineData("patterns", 9)]
    [InlineData("activation", 4)]
    [InlineData("linear", 4)]
    [InlineData("affine", 4)]
    public async Task A_synchronous_count_takes_every_definition(string definition, long expected)
    {
        var response = await client.CountAsync(new JobRequest(Diamond, "-1:1", Method: "exact", Cells: 4, Definition: definition));
        Assert.Equal((expected, definition, false), (response.Regions, response.Definition, response.LowerBound));
    }

    [Theory]
    [InlineData("affine")]
    [InlineData("patterns")]
    public async Task A_job_refuses_the_definitions_it_cannot_merge_with_400(string definition)
    {
        var refusal = await Assert.ThrowsAsync<RegionsApiException>(() => client.SubmitAsync(new JobRequest(Diamond, "-1:1", Method: "exact", Definition: definition)));
        Assert.Equal(HttpStatusCode.BadRequest, refusal.Status);
        Assert.Contains($"{definition} is counted by regions count and POST /count only", refusal.Message);
    }

    [Fact]
    public async Task Sampling_refuses_every_definition_but_activation_with_400()
    {
        var refusal = await Assert.ThrowsAsync<RegionsApiException>(() => client.CountAsync(new JobRequest(Diamond, "-1:1", Definition: "affine")));
        Assert.Equal(HttpStatusCode.BadRequest, refusal.Status);
        Assert.Contains("affine regions need the exact method", refusal.Message);
    }
}
