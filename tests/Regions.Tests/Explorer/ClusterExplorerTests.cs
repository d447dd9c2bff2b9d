using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Tests.Cluster;
using Regions.Tests.Support;

namespace Regions.Tests.Explorer;

/// <summary>The explorer in front of a cluster (serve --db): the page and its views answer as they do on the embedded silo.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterExplorerTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_page_and_its_views_answer_in_front_of_a_cluster()
    {
        var (database, _) = await ClusterHarness.Connect(postgres);
        using var silo = SiloProcess.Start(database.ConnectionString, "explorer");
        using var server = ServerProcess.Start("--db", database.ConnectionString);
        using var http = new HttpClient { BaseAddress = server.Address };
        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);

        var network = JsonDocument.Parse(NetworkWriter.ToJson(TestNetworks.Random(5, 2, [10, 10]))).RootElement;
        using var response = await http.PostAsync("/regions", new StringContent(
            JsonSerializer.Serialize(new { network, box = "-1:1,-1:1", definition = "linear" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var exact = await new RegionsClient(server.Address).CountAsync(new JobRequest(network, "-1:1,-1:1", "exact", Cells: 4, Definition: "linear"));
        Assert.True(exact.Regions > 5);
        Assert.Equal(exact.Regions, (long)view["count"]!);
    }
}
