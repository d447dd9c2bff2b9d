using System.Net;
using System.Text;
using System.Text.Json;
using Regions.Client;
using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>
/// The API's fixed budgets, its request-size limit, the time limit and client disconnects of POST /count, and
/// poison jobs on the in-process silo, against a real server process.
/// </summary>
public sealed class BudgetApiTests : IClassFixture<BudgetApiTests.Server>
{
    public sealed class Server : IDisposable
    {
        public ServerProcess Process { get; } = ServerProcess.Start("--sync-timeout", "2");

        public void Dispose() => Process.Dispose();
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly ServerProcess server;

    public BudgetApiTests(Server fixture) => server = fixture.Process;

    /// <summary>A relu net slow enough to sample that no test machine finishes 20 M points in seconds.</summary>
    private static string SlowNetwork => NetworkWriter.ToJson(TestNetworks.Random(4, 2, [256, 256, 256]), indented: false);

    private static string OneLayer(int inputs, int units)
    {
        var row = "[" + string.Join(",", Enumerable.Repeat("1", inputs)) + "]";
        return $$"""{"format":"pwl-network/1","inputs":{{inputs}},"layers":[{"activation":"relu","weights":[{{string.Join(",", Enumerable.Repeat(row, units))}}],"biases":[{{string.Join(",", Enumerable.Repeat("0", units))}}]}]}""";
    }

    private Task<(HttpStatusCode Status, string Detail)> Post(string path, string body, CancellationToken cancel = default) => Post(server, path, body, cancel);

    private static async Task<(HttpStatusCode Status, string Detail)> Post(ServerProcess server, string path, string body, CancellationToken cancel = default)
    {
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonSerializer.Deserialize<Problem>(text, Web)!.Detail ?? "");
    }

    [Theory]
    [InlineData(100_001, 1, "network has 100,001 inputs, above the limit of 100,000")]
    [InlineData(1, 100_001, "layers[0] has 100,001 units, above the limit of 100,000")]
    public async Task A_network_above_a_fixed_budget_gets_a_400_naming_the_limit(int inputs, int units, string message)
    {
        foreach (var path in new[] { "jobs", "count" })
        {
            var (status, detail) = await Post(path, $$"""{"network":{{OneLayer(inputs, units)}},"box":"-1:1"}""");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains(message, detail);
            Assert.Contains("the API's limits are fixed", detail);
        }
    }

    [Fact]
    public async Task An_exact_job_with_more_inputs_than_a_box_enumeration_supports_gets_a_400()
    {
        var (status, detail) = await Post("jobs", $$"""{"network":{{NetworkWriter.ToJson(TestNetworks.Random(2, 11, [4]), indented: false)}},"box":"-1:1","method":"exact"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("exact enumeration in a box handles up to 10 inputs", detail);
    }

    [Fact]
    public async Task A_body_above_the_request_size_limit_gets_a_413_naming_it()
    {
        // Declared, not sent: the server must refuse on the length alone (an HTTP client would still be uploading).
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Address.Host, server.Address.Port);
        using var stream = tcp.GetStream();
        var head = $"POST /jobs HTTP/1.1\r\nHost: {server.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {(64L << 20) + 1}\r\nConnection: close\r\n\r\n{{\"network\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("67108864", response);
    }

    [Fact]
    public async Task A_synchronous_count_past_the_time_limit_is_stopped_with_a_503_pointing_to_jobs()
    {
        var started = DateTime.UtcNow;
        var (status, detail) = await Post("count", $$"""{"network":{{SlowNetwork}},"box":"-1:1","points":20000000,"cells":64}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("stopped after 2 s, the limit of a synchronous count (serve --sync-timeout); submit it to POST /jobs", detail);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        await AssertIdle(server);
    }

    [Fact]
    public async Task A_synchronous_count_stops_when_its_client_hangs_up()
    {
        // A time limit of ten minutes: only the hang-up can stop this count within the test.
        using var patient = ServerProcess.Start("--sync-timeout", "600");
        using var hangUp = new CancellationTokenSource();
        var request = Post(patient, "count", $$"""{"network":{{SlowNetwork}},"box":"-1:1","points":20000000,"cells":64}""", hangUp.Token);
        var before = patient.CpuTime;
        await Task.Delay(1500);
        Assert.True(patient.CpuTime - before > TimeSpan.FromMilliseconds(300), "the count did not start");
        hangUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await AssertIdle(patient);
    }

    /// <summary>
    /// The server settles to next to no CPU within a few seconds (a count left running would keep both cores busy
    /// for many minutes): a window of one second under a quarter of a core, out of six tries to let JIT and GC finish.
    /// </summary>
    private static async Task AssertIdle(ServerProcess server)
    {
        var used = TimeSpan.Zero;
        for (var window = 0; window < 6; window++)
        {
            var before = server.CpuTime;
            await Task.Delay(1000);
            used = server.CpuTime - before;
            if (used < TimeSpan.FromMilliseconds(250)) return;
        }
        Assert.Fail($"the server still used {used.TotalMilliseconds:F0} ms of CPU a second, 6 s after the count ended");
    }

    [Fact]
    public async Task A_poison_job_fails_with_its_message_status_and_result_say_so_and_the_silo_goes_on()
    {
        // x = 0 and x = 2e-13: a strip too thin for doubles to decide. Valid at submission; every cell refuses it.
        var hidden = new Layer(Activation.Relu, 2, 2, [1, 0, 1, 0], [0, -2e-13]);
        var thin = new Network(2, [hidden, new Layer(Activation.Linear, 1, 2, [1, 2], [0])]);
        var client = new RegionsClient(server.Address);
        var poison = await client.SubmitAsync(new JobRequest(JsonDocument.Parse(NetworkWriter.ToJson(thin)).RootElement, "-1:1", Method: "exact", Cells: 1));
        var good = await client.SubmitAsync(new JobRequest(JsonDocument.Parse(NetworkWriter.ToJson(TestNetworks.Random(9, 2, [6]))).RootElement, "-1:1", Method: "exact", Cells: 4));
        var failed = await client.WaitAsync(poison.Id, TimeSpan.FromMilliseconds(50));
        Assert.Equal("failed", failed.State);
        Assert.Contains("double precision cannot tell", failed.Error);
        Assert.DoesNotContain("times", failed.Error);
        var done = await client.WaitAsync(good.Id, TimeSpan.FromMilliseconds(50));
        Assert.Equal("done", done.State);
        Assert.True(done.Regions > 1);

        var status = Cli("status", "--server", server.Address.ToString(), poison.Id.ToString());
        Assert.Equal(0, status.Code);
        Assert.Contains($"job {poison.Id}: failed (", status.Out);
        Assert.Contains("double precision cannot tell", status.Out);
        var result = Cli("result", "--server", server.Address.ToString(), poison.Id.ToString());
        Assert.Equal(2, result.Code);
        Assert.Contains($"job {poison.Id} was failed: ", result.Err);
        Assert.Contains("double precision cannot tell", result.Err);
        Assert.Contains("it has no result", result.Err);
    }

    [Fact]
    public async Task Result_of_a_cancelled_job_exits_2_and_says_cancelled()
    {
        var client = new RegionsClient(server.Address);
        var big = await client.SubmitAsync(new JobRequest(JsonDocument.Parse(SlowNetwork).RootElement, "-1:1", Points: 500_000_000_000, Cells: 1000));
        await client.CancelAsync(big.Id);
        var result = Cli("result", "--server", server.Address.ToString(), big.Id.ToString());
        Assert.Equal(2, result.Code);
        Assert.Contains($"job {big.Id} was cancelled; it has no result", result.Err);
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Regions.Silo.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
