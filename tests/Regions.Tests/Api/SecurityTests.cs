using System.Net;
using Regions.Client;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

public class SecurityTests
{
    [Fact]
    public async Task A_token_is_required_when_configured()
    {
        using var server = ServerProcess.Start("--token", "s3cret");
        var anonymous = new RegionsClient(server.Address);
        var error = await Assert.ThrowsAsync<RegionsApiException>(() => anonymous.ListJobsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        var wrong = new RegionsClient(server.Address, "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<RegionsApiException>(() => wrong.ListJobsAsync())).Status);
        var authorised = new RegionsClient(server.Address, "s3cret");
        Assert.NotNull(await authorised.ListJobsAsync());
    }

    [Fact]
    public void Binding_beyond_loopback_without_a_token_is_refused()
    {
        var stderr = new StringWriter();
        var previous = Environment.GetEnvironmentVariable("REGIONS_TOKEN");
        Environment.SetEnvironmentVariable("REGIONS_TOKEN", null);
        try
        {
            Assert.Equal(2, Regions.Silo.Cli.Run(["serve", "--urls", "http://0.0.0.0:5999"], new StringWriter(), stderr));
            Assert.Contains("a bearer token is required", stderr.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("REGIONS_TOKEN", previous);
        }
    }
}
