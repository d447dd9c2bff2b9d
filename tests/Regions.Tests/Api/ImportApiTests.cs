using System.Net;
using System.Text.Json;
using Regions.Client;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>POST /import against a real server process: the document `regions import` writes, and a 4xx with the CLI's message for what it refuses.</summary>
public sealed class ImportApiTests : IClassFixture<EmbeddedApiTests.Server>, IDisposable
{
    private readonly RegionsClient client;
    private readonly ServerProcess server;
    private readonly string directory = Directory.CreateTempSubdirectory("regions-import-").FullName;

    public ImportApiTests(EmbeddedApiTests.Server fixture)
    {
        server = fixture.Process;
        client = new RegionsClient(server.Address);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("cnn_digits.onnx")]
    [InlineData("mlp_moons_bn.onnx")]
    public async Task An_imported_model_is_the_document_the_cli_writes(string fixture)
    {
        var path = Fixtures.OnnxFile(fixture);
        var file = Path.Combine(directory, "net.json");
        var (code, _, error) = CliRun.Run("import", path, "-o", file);
        Assert.True(code == 0, error);
        var document = await client.ImportAsync(File.ReadAllBytes(path));
        Assert.Equal(JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetRawText(), document.GetRawText());
    }

    [Fact]
    public async Task A_skip_connection_imports_as_the_same_graph_from_the_cli_and_the_api()
    {
        var path = Fixtures.OnnxFile("residual_moons.onnx");
        var file = Path.Combine(directory, "r.json");
        var (code, _, cliError) = CliRun.Run("import", path, "-o", file);
        Assert.True(code == 0, cliError);
        var document = await client.ImportAsync(File.ReadAllBytes(path));
        Assert.Equal("pwl-network/2", document.GetProperty("format").GetString());
        Assert.Contains(document.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("op").GetString() == "add");
        Assert.Equal(JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetRawText(), document.GetRawText());
    }

    [Fact]
    public async Task A_truncated_model_an_unknown_input_and_a_json_body_are_refused()
    {
        var bytes = File.ReadAllBytes(Fixtures.OnnxFile("mlp_moons_relu.onnx"));
        var truncated = await Assert.ThrowsAsync<RegionsApiException>(() => client.ImportAsync(bytes[..(bytes.Length / 2)]));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.Status);
        var unknown = await Assert.ThrowsAsync<RegionsApiException>(() => client.ImportAsync(bytes, input: "nope"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("nope", unknown.Message);
        using var http = new HttpClient { BaseAddress = server.Address };
        using var json = await http.PostAsync("import", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }
}
