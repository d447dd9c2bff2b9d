using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Cluster;

/// <summary>
/// Poison jobs on a PostgreSQL cluster of silo processes, through the CLI: a job every cell of which refuses its
/// input fails with the message, status and result say so, and the silo goes on with the next job.
/// </summary>
[Collection(PostgresCollection.Name)]
public class ClusterPoisonTests(PostgresServer server)
{
    [Fact]
    public async Task A_job_whose_cells_refuse_their_input_fails_with_the_message_and_the_silo_goes_on()
    {
        var db = server.CreateDatabase();
        // x = 0 and x = 2e-13 in [-1, 1]^2: valid at submission, too thin for doubles in every cell that meets it.
        var hidden = new Layer(Activation.Relu, 2, 2, [1, 0, 1, 0], [0, -2e-13]);
        var thin = Path.Combine(Path.GetTempPath(), $"regions-poison-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(new Network(2, [hidden, new Layer(Activation.Linear, 1, 2, [1, 2], [0])]), thin);
        var good = Path.Combine(Path.GetTempPath(), $"regions-poison-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(TestNetworks.Random(9, 2, [6]), good);
        try
        {
            var poison = Run("submit", "--db", db, "--model", thin, "--box", "-1:1", "--method", "exact", "--cells", "1");
            Assert.True(poison.Code == 0, poison.Err);
            var poisonId = poison.Out.Trim().Split('\n')[^1];
            var healthy = Run("submit", "--db", db, "--model", good, "--box", "-1:1", "--method", "exact", "--cells", "4");
            var healthyId = healthy.Out.Trim().Split('\n')[^1];

            using var silo = SiloProcess.Start(db, "poison-silo", threads: 2);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((!Run("status", "--db", db, poisonId).Out.Contains("failed") || !Run("status", "--db", db, healthyId).Out.Contains("done")) && DateTime.UtcNow < deadline)
                await Task.Delay(200);

            var status = Run("status", "--db", db, poisonId);
            Assert.True(status.Out.Contains($"job {poisonId}: failed (") && status.Out.Contains("double precision cannot tell"), status.Out + silo.Log);
            Assert.DoesNotContain("times", status.Out);
            var result = Run("result", "--db", db, poisonId);
            Assert.Equal(2, result.Code);
            Assert.Contains($"job {poisonId} was failed: ", result.Err);
            Assert.Contains("it has no result", result.Err);
            Assert.Contains("done", Run("status", "--db", db, healthyId).Out);
            Assert.Equal(0, Run("result", "--db", db, healthyId).Code);
        }
        finally
        {
            File.Delete(thin);
            File.Delete(good);
        }
    }
}
