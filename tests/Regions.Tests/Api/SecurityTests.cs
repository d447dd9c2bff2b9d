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
            var empty = new StringWriter();
            Assert.Equal(2, Regions.Silo.Cli.Run(["serve", "--urls", ""], new StringWriter(), empty));
            Assert.Equal("regions: --urls: give at least one URL to listen on", empty.ToString().Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable("REGIONS_TOKEN", previous);
        }
    }

    [Fact]
    public void Endpoints_from_the_environment_are_not_opened()
    {
        // Kestrel's own configuration would add an endpoint on every interface: the server ignores it.
        var port = FreePort();
        using var server = ServerProcess.Start(new Dictionary<string, string> { ["Kestrel__Endpoints__Open__Url"] = $"http://0.0.0.0:{port}" });
        using var tcp = new System.Net.Sockets.TcpClient();
        Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => tcp.Connect(IPAddress.Loopback, port));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
