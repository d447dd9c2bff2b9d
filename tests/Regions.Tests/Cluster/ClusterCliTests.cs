using System.Text.Json;
using Regions.Kernel.Format;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Cluster;

/// <summary>The README's cluster walkthrough, verb by verb: submit, result (3 while unfinished), silo, status, result, jobs, cancel.</summary>
[Collection(PostgresCollection.Name)]
public class ClusterCliTests(PostgresServer server)
{
    [Fact]
    public async Task Submit_result_silo_status_jobs_cancel_through_the_database_and_through_the_api()
    {
        var db = server.CreateDatabase();
        var job = ClusterHarness.Job(points: 300_000, cells: 6);
        var model = Path.Combine(Path.GetTempPath(), $"regions-cli-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(job.Network, model);
        var expected = ClusterHarness.Embedded(job);

        var submit = Run(["submit", "--db", db, "--model", model, "--box", "-1:1", "--points", "300000", "--cells", "6", "--seed", job.Seed.ToString()]);
        Assert.True(submit.Code == 0, submit.Err);
        var first = submit.Out.Trim().Split('\n')[^1];
        var early = Run(["result", "--db", db, first]);
        Assert.Equal(3, early.Code);
        Assert.Contains("is not finished", early.Err);

        using var silo = SiloProcess.Start(db, "cli-silo", threads: 2);
        using var api = ServerProcess.Start("--db", db);
        foreach (var target in new[] { new[] { "--db", db }, new[] { "--server", api.Address.ToString() } })
        {
            var id = target[0] == "--db" ? first : Run(["submit", .. target, "--model", model, "--box", "-1:1", "--points", "300000", "--cells", "6", "--seed", job.Seed.ToString()]).Out.Trim().Split('\n')[^1];
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Run(["status", .. target, id]).Out.Contains("done") && DateTime.UtcNow < deadline) await Task.Delay(200);
            var status = Run(["status", .. target, id]);
            Assert.Contains("done, cells 6/6", status.Out);
            var result = Run(["result", .. target, id, "--json"]);
            Assert.Equal(0, result.Code);
            Assert.Equal(expected, JsonDocument.Parse(result.Out).RootElement.GetProperty("regions").GetInt64());
            Assert.Contains($"job {id}: done", Run(["jobs", .. target]).Out);
            var cancelDone = Run(["cancel", .. target, id]);
            Assert.Equal(2, cancelDone.Code);
            Assert.Contains("already done", cancelDone.Err);
        }

        var open = Run(["submit", "--db", db, "--model", model, "--box", "-1:1", "--points", "4000000000", "--cells", "40"]).Out.Trim().Split('\n')[^1];
        Assert.Equal(0, Run(["cancel", "--db", db, open]).Code);
        Assert.Contains("cancelled", Run(["status", "--db", db, open]).Out);
        var cancelledResult = Run(["result", "--db", db, open]);
        Assert.Equal(2, cancelledResult.Code);
        Assert.Contains("was cancelled", cancelledResult.Err);
        Assert.Equal(2, Run(["status", "--db", db, "424242"]).Code);
        File.Delete(model);
    }
}
