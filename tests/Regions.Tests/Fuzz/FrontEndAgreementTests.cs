using System.Text.Json;
using Regions.Client;
using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Tests.Cluster;
using Regions.Tests.Exact;
using Regions.Tests.Support;

namespace Regions.Tests.Fuzz;

/// <summary>
/// The same fuzzed networks counted exactly through every front end (issue 11, item 2): the CLI, the API of an
/// embedded server (synchronous count and job), and a job on an Orleans cluster of silo processes; each must
/// give the count of the embedded runner.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FrontEndAgreementTests(PostgresServer postgres)
{
    [Fact]
    public async Task Cli_api_and_cluster_give_the_embedded_exact_count()
    {
        var cases = Fuzzing.Draw(Fuzzing.Cases(maxInputs: 3), 3, stream: 7);
        var (database, _) = await ClusterHarness.Connect(postgres);
        using var silo = SiloProcess.Start(database.ConnectionString, "fuzz");
        using var cluster = ServerProcess.Start("--db", database.ConnectionString);
        using var embedded = ServerProcess.Start();
        var clusterClient = new RegionsClient(cluster.Address);
        var embeddedClient = new RegionsClient(embedded.Address);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var compared = 0;

        foreach (var c in cases)
        {
            var network = c.Build();
            var json = NetworkWriter.ToJson(network);
            foreach (var definition in new[] { RegionDefinition.Activation, RegionDefinition.Linear })
            {
                var name = definition.ToString().ToLowerInvariant();
                long? expected = Fuzzing.ExactOrRefused(() => ExactTestSupport.Exact(network, c.Box, 1, definition));
                if (expected is null) continue;
                var request = new JobRequest(JsonDocument.Parse(json).RootElement, "-1:1", Method: "exact", Cells: 4, Definition: name);

                Assert.True(expected == Cli(json, name), $"CLI, {name}: {c}");
                Assert.True(expected == (await embeddedClient.CountAsync(request, timeout.Token)).Regions, $"API /count, {name}: {c}");
                var job = await embeddedClient.WaitAsync((await embeddedClient.SubmitAsync(request, timeout.Token)).Id, TimeSpan.FromMilliseconds(50), timeout.Token);
                Assert.True(expected == job.Regions, $"API job, {name}: {c}");
                var clusterJob = await clusterClient.WaitAsync((await clusterClient.SubmitAsync(request, timeout.Token)).Id, TimeSpan.FromMilliseconds(100), timeout.Token);
                Assert.True(expected == clusterJob.Regions, $"cluster job, {name}: {c}\n{silo.Log}");
                compared++;
            }
        }
        Assert.True(compared >= 4, $"only {compared} of 6 counts compared: the exact method refused the rest");
    }

    private static long Cli(string json, string definition)
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-fuzz-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            var code = Regions.Silo.Cli.Run(["count", "--model", path, "--box", "-1:1", "--method", "exact", "--cells", "4", "--definition", definition, "--json"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            return JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("regions").GetInt64();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
