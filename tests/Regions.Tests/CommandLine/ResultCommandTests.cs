using Regions.Kernel.Format;
using Regions.Tests.Api;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.CommandLine;

/// <summary><c>regions result</c> of a job that will never have one says why, through an API server (no database needed).</summary>
public sealed class ResultCommandTests(EmbeddedApiTests.Server fixture) : IClassFixture<EmbeddedApiTests.Server>
{
    [Fact]
    public void The_result_of_a_cancelled_job_says_it_was_cancelled_with_exit_2()
    {
        var server = fixture.Process.Address.ToString();
        var model = Path.Combine(Path.GetTempPath(), $"regions-result-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(TestNetworks.Random(5, 2, [8, 8]), model);
        try
        {
            var submit = Run("submit", "--server", server, "--model", model, "--box", "-1:1", "--points", "900000000000", "--cells", "64");
            Assert.True(submit.Code == 0, submit.Err);
            var id = submit.Out.Trim().Split('\n')[^1];
            Assert.Equal(0, Run("cancel", "--server", server, id).Code);
            var result = Run("result", "--server", server, id);
            Assert.Equal(2, result.Code);
            Assert.Equal($"regions: job {id} was cancelled; it has no result", result.Err.Trim());
            Assert.Equal("", result.Out);
        }
        finally
        {
            File.Delete(model);
        }
    }
}
