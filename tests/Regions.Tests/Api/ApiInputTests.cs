using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>
/// The bad inputs of issue 11 through the API: each is a 4xx answered with an RFC 7807 problem that has a body
/// and says what is wrong; a sample of every error status the API gives is checked for the same format.
/// </summary>
public sealed class ApiInputTests : IClassFixture<EmbeddedApiTests.Server>
{
    private readonly ServerProcess server;

    public ApiInputTests(EmbeddedApiTests.Server fixture) => server = fixture.Process;

    private static readonly string Net = NetworkWriter.ToJson(TestNetworks.Random(2, 2, [4]), indented: false);

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, byte[]? body = null, string contentType = "application/json")
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        var request = new HttpRequestMessage(method, path);
        // The client waits for the server's word before sending a body, as a careful client does: the 413 then
        // arrives before the client has pushed 64 MiB at a server that no longer reads them.
        request.Headers.ExpectContinue = true;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        return await http.SendAsync(request);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text.Replace("NET", Net));

    /// <summary>The status, the problem media type, and a problem body whose status matches and whose detail says <paramref name="message"/>.</summary>
    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<Problem>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Title));
        Assert.Contains(message, problem.Detail);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_request_string_or_in_the_network_is_400()
    {
        var inMethod = Utf8("""{"network":NET,"box":"-1:1","method":"s""").Concat(new byte[] { 0xFF }).Concat(Utf8("\"}")).ToArray();
        await AssertProblem(await Send(HttpMethod.Post, "count", inMethod), HttpStatusCode.BadRequest, "method: a string is not valid UTF-8");
        var inNetwork = Utf8("""{"box":"-1:1","network":{"name":"x""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Utf8("\"}}")).ToArray();
        await AssertProblem(await Send(HttpMethod.Post, "jobs", inNetwork), HttpStatusCode.BadRequest, "network.name: a string is not valid UTF-8");
    }

    [Theory]
    [InlineData("jobs", """{"network":NET,"box":"-1:1","box":"0:1"}""", "$: duplicate key \"box\"")]
    [InlineData("count", """{"network":{"format":"pwl-network/1","inputs":1,"inputs":1,"layers":[]},"box":"0:1"}""", "network: duplicate key \"inputs\"")]
    [InlineData("constructions/shallow", """{"inputs":2,"widths":[3],"inputs":3}""", "$: duplicate key \"inputs\"")]
    public async Task Duplicate_keys_in_a_body_are_400_naming_key_and_path(string path, string body, string message)
    {
        await AssertProblem(await Send(HttpMethod.Post, path, Utf8(body)), HttpStatusCode.BadRequest, message);
    }

    [Theory]
    [InlineData("-1e308:1e308", "wider than a double can hold")]
    [InlineData("0:5e-324", "narrower than the supported width 1e-150")]
    [InlineData("-1e200:1e200", "reaches beyond the supported coordinates -1e150..1e150")]
    public async Task Boxes_out_of_range_are_400(string box, string message)
    {
        await AssertProblem(await Send(HttpMethod.Post, "jobs", Utf8($$"""{"network":NET,"box":"{{box}}"}""")), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task A_maxout_rank_beyond_the_format_is_400()
    {
        await AssertProblem(await Send(HttpMethod.Post, "constructions/maxout", Utf8("""{"inputs":2,"widths":[2],"rank":1000000}""")),
            HttpStatusCode.BadRequest, "rank: 1000000 exceeds the limit of 65536");
    }

    /// <summary>A problem's code and field, for programs: which kind of refusal, and which field of the request.</summary>
    private async Task<Problem> ProblemOf(HttpMethod method, string path, string? body = null)
    {
        var response = await Send(method, path, body is null ? null : Utf8(body));
        return JsonSerializer.Deserialize<Problem>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    [Fact]
    public async Task Problems_say_what_kind_of_refusal_and_which_field_in_the_apis_words()
    {
        var rank = await ProblemOf(HttpMethod.Post, "constructions/maxout", """{"inputs":2,"widths":[2],"rank":1000000}""");
        Assert.Equal(("invalid-request", "rank"), (rank.Code, rank.Field));
        Assert.DoesNotContain("--", rank.Detail);
        var network = await ProblemOf(HttpMethod.Post, "count", """{"network":{"format":"pwl-network/1","inputs":2,"layers":[]},"box":"-1:1"}""");
        Assert.Equal(("invalid-network", null), (network.Code, network.Field));
        var budget = await ProblemOf(HttpMethod.Post, "jobs", """{"network":NET,"box":"-1:1","cells":2000000,"points":4000000}""");
        Assert.Equal("over-budget", budget.Code);
        var box = await ProblemOf(HttpMethod.Post, "jobs", """{"network":NET}""");
        Assert.Equal(("invalid-request", "box"), (box.Code, box.Field));
        Assert.Equal("not-found", (await ProblemOf(HttpMethod.Get, "jobs/999999")).Code);
    }

    [Fact]
    public async Task Every_kind_of_error_is_a_problem_with_a_body()
    {
        await AssertProblem(await Send(HttpMethod.Get, "jobs/999999"), HttpStatusCode.NotFound, "there is no job 999999");
        await AssertProblem(await Send(HttpMethod.Get, "no/such/thing"), HttpStatusCode.NotFound, "no such endpoint: GET /no/such/thing");
        await AssertProblem(await Send(HttpMethod.Post, "constructions/nonesuch", Utf8("""{"inputs":2}""")), HttpStatusCode.NotFound, "no construction named 'nonesuch'");
        await AssertProblem(await Send(HttpMethod.Delete, "jobs"), HttpStatusCode.MethodNotAllowed, "/jobs does not take DELETE");
        await AssertProblem(await Send(HttpMethod.Put, "health"), HttpStatusCode.MethodNotAllowed, "/health does not take PUT");
        await AssertProblem(await Send(HttpMethod.Post, "jobs", Utf8("{}"), "text/plain"), HttpStatusCode.UnsupportedMediaType, "expected Content-Type: application/json");
        await AssertProblem(await Send(HttpMethod.Post, "jobs", []), HttpStatusCode.BadRequest, "the request body is empty");
        await AssertProblem(await Send(HttpMethod.Post, "bounds", Utf8("[1,2]")), HttpStatusCode.BadRequest, "malformed JSON body");
        // One byte over the 64 MiB limit: Kestrel refuses the body, the API still answers with a problem.
        var tooLarge = new byte[(64 << 20) + 1];
        await AssertProblem(await Send(HttpMethod.Post, "jobs", tooLarge), HttpStatusCode.RequestEntityTooLarge, "");
    }

    [Fact]
    public async Task An_exact_job_and_an_exact_count_show_no_points()
    {
        var client = new RegionsClient(server.Address);
        var network = JsonDocument.Parse(Net).RootElement;
        var submitted = await client.SubmitAsync(new JobRequest(network, "-1:1", Method: "exact", Cells: 4));
        var done = await client.WaitAsync(submitted.Id, TimeSpan.FromMilliseconds(50));
        Assert.Equal("done", done.State);
        Assert.Null(done.Points);
        Assert.Null(done.PointsDone);
        var raw = await (await Send(HttpMethod.Get, $"jobs/{submitted.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("\"points\":null", raw);
        Assert.Contains("\"pointsDone\":null", raw);
        var count = await client.CountAsync(new JobRequest(network, "-1:1", Method: "exact", Cells: 4));
        Assert.Null(count.Points);
        var sampled = await client.CountAsync(new JobRequest(network, "-1:1", Points: 1000, Cells: 4));
        Assert.Equal(1000, sampled.Points);
    }

    [Fact]
    public async Task Every_operation_in_the_openapi_document_has_a_summary_and_a_description()
    {
        using var document = JsonDocument.Parse(await (await Send(HttpMethod.Get, "openapi/v1.json")).Content.ReadAsStringAsync());
        var operations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{operation.Name} {path.Name} has no summary");
                Assert.True(operation.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 20, $"{operation.Name} {path.Name} has no description");
            }
        }
        // POST/GET /jobs, GET/DELETE /jobs/{id}, /count, /evaluate, /bounds, /constructions/{name}, /import, /health,
        // /regions, /regions/{view}/{id}, /regions.png (the explorer's page at / is a static file, not an operation).
        Assert.Equal(13, operations);
    }
}
