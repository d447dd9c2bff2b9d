using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Regions.Cluster;
using Regions.Cluster.Hosting;
using Regions.Cluster.Jobs;
using Regions.Grains.Distributed;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;
using Regions.Theory.Constructions;

// Cluster benchmarks (several processes, so Stopwatch rather than BenchmarkDotNet; every figure is printed
// beside a baseline measured in the same run, the embedded runner in this process):
//   merge:      fingerprints per second merged into pattern-shard grains on silo processes, sent from here;
//   sample:     a sampling job end to end, embedded vs 1, 2, 3 silo processes;
//   exact:      the Montufar 2-6-6-6-6-6-6-6 construction (11,691,702 regions), embedded vs 3 silo processes;
//   big:        the Montufar 2-6-6-6-6-6-6-6-6 construction (105,225,318 regions) on 3 silo processes, with
//               each silo's peak memory.
// Usage: dotnet run -c Release --project bench/Regions.ClusterBench -- --db CONNSTR [--quick] [--case NAME]
var arguments = args.ToList();
var at = arguments.IndexOf("--db");
if (at < 0 || at + 1 >= arguments.Count)
{
    Console.Error.WriteLine("usage: Regions.ClusterBench --db CONNSTR [--quick] [--case merge|sample|exact|big]   (the database is used for scratch jobs)");
    return 2;
}
var connection = arguments[at + 1];
var quick = arguments.Contains("--quick");
var only = arguments.IndexOf("--case") is var c and >= 0 && c + 1 < arguments.Count ? arguments[c + 1] : null;
bool Runs(string name) => only is null ? name != "big" : only == name;
await using var database = await Database.ConnectAsync(connection);
var store = new PostgresJobStore(database);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
var regionsDll = Path.Combine(AppContext.BaseDirectory, "regions.dll");

if (Runs("merge"))
{
    using var silos = Silos.Start(regionsDll, connection, "merge", 2, threads: 1);
    await using var client = await Client(database);
    var perCell = quick ? 200_000 : 1_000_000;
    var cells = quick ? 8 : 24;
    const int shards = 8;
    var spec = JobSpec.From(new CountJob(Net(), Box.Cube(2, -1, 1), CountMethod.Exact, 0, cells, 0, SamplerKind.Random)) with { Shards = shards };
    var id = await store.SubmitAsync(spec);
    await store.EndAsync(id, JobStatus.Cancelled, "merge benchmark: cells are sent by hand"); // no silo runs its cells
    var random = new DeterministicRandom(1);
    var blocks = Enumerable.Range(0, cells).Select(_ =>
    {
        var hits = new Dictionary<UInt128, long>(perCell);
        for (var i = 0; i < perCell; i++) hits[new UInt128(random.NextUInt64(), random.NextUInt64())] = 1;
        return FingerprintBlock.Partition(hits, shards, withHits: false);
    }).ToArray();
    var grains = Enumerable.Range(0, shards).Select(s => client.GetGrain<IPatternShardGrain>(id, s.ToString(CultureInfo.InvariantCulture))).ToArray();
    await Task.WhenAll(grains.Select(g => g.Size())); // activate them first
    var siloCpu = silos.CpuSeconds().ToArray();
    var ownCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var clock = Stopwatch.StartNew();
    for (var cell = 0; cell < cells; cell++)
    {
        var t = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select((g, s) => g.Merge(cell, blocks[cell][s])));
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1") Console.WriteLine($"cell {cell}: {t.Elapsed.TotalMilliseconds:F0} ms");
    }
    var seconds = clock.Elapsed.TotalSeconds;
    var cpu = string.Join(" + ", silos.CpuSeconds().Zip(siloCpu, (after, before) => $"{after - before:F1}"));
    Console.WriteLine($"merge: {seconds:F1} s wall; CPU seconds: silos {cpu}, sender {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - ownCpu:F1}");
    var size = (await Task.WhenAll(grains.Select(g => g.Size()))).Sum();
    var baseline = Stopwatch.StartNew();
    var local = new ShardSet(countHits: false);
    foreach (var cellBlocks in blocks) foreach (var block in cellBlocks) local.Add(block);
    var localRate = (double)perCell * cells / baseline.Elapsed.TotalSeconds;
    var rate = (double)perCell * cells / seconds;
    Console.WriteLine($"merge: {cells} cells x {perCell:N0} fingerprints into {shards} shards on 2 silo processes: {rate:N0} fingerprints/s ({rate / 2:N0} per silo, {size:N0} distinct); one ShardSet in this process: {localRate:N0}/s");
    await Task.WhenAll(grains.Select(g => g.Release()));
}

if (Runs("sample"))
{
    var job = new CountJob(Net(), Box.Cube(2, -1, 1), CountMethod.Sample, quick ? 20_000_000L : 100_000_000L, 64, 1, SamplerKind.Random);
    var embedded = Embedded(job);
    foreach (var count in new[] { 1, 2, 3 }) await OnSilos(job, count, embedded);
}

if (Runs("exact"))
{
    var widths = quick ? new[] { 6, 6, 6, 6, 6 } : [6, 6, 6, 6, 6, 6, 6];
    var job = new CountJob(NetworkConstructions.Build("montufar", new ConstructionRequest(2, widths)), Box.Cube(2, 0, 1), CountMethod.Exact, 0, 64, 0, SamplerKind.Random);
    var embedded = Embedded(job);
    await OnSilos(job, 3, embedded);
}

if (Runs("big"))
{
    var job = new CountJob(NetworkConstructions.Build("montufar", new ConstructionRequest(2, [6, 6, 6, 6, 6, 6, 6, 6])), Box.Cube(2, 0, 1), CountMethod.Exact, 0, 256, 0, SamplerKind.Random);
    Console.WriteLine("big: 2-6-6-6-6-6-6-6-6 in [0,1]^2, expected 9^7 x 22 = 105,225,318 activation regions");
    await OnSilos(job, 3, null);
}
return 0;

(long Regions, double Seconds) Embedded(CountJob job)
{
    var clock = Stopwatch.StartNew();
    var result = EmbeddedRunner.Run(job);
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{Describe(job)}: embedded (this process, {Environment.ProcessorCount} threads): {result.Regions:N0} regions in {seconds:F2} s");
    return (result.Regions, seconds);
}

async Task OnSilos(CountJob job, int count, (long Regions, double Seconds)? embedded)
{
    var threads = Math.Max(1, Environment.ProcessorCount / count);
    var started = Stopwatch.StartNew();
    using var silos = Silos.Start(regionsDll, connection, $"bench{count}", count, threads);
    var startup = started.Elapsed.TotalSeconds;
    await using var client = await Client(database);
    // A warm-up job first, a fifth of this one (or a small exact job): the figure is a running cluster's, not
    // that of processes still compiling Orleans and the cell's hot loops.
    await Run(client, job.Method == CountMethod.Sample
        ? job with { Points = job.Points / 5 }
        : job with { Network = NetworkConstructions.Build("montufar", new ConstructionRequest(2, [6, 6, 6, 6])) });
    var clock = Stopwatch.StartNew();
    var status = await Run(client, job);
    var seconds = clock.Elapsed.TotalSeconds;
    var memory = string.Join(", ", silos.PeakMegabytes().Select(m => $"{m:N0} MB"));
    var versus = embedded is { } e ? $", {seconds / e.Seconds:F2}x the embedded time, same count: {status.Regions == e.Regions}" : "";
    Console.WriteLine($"{Describe(job)}: {count} silo process(es) x {threads} threads: {status.State}, {status.Regions:N0} regions in {seconds:F2} s from submission" +
        $"{versus} (silos started in {startup:F1} s; peak memory per silo {memory})");
}

async Task<JobStatus> Run(ClientHost client, CountJob job)
{
    var id = (await client.GetGrain<IJobsGrain>(0).Submit(JobSpec.From(job))).Id;
    JobStatus status;
    while ((status = (await store.StatusAsync(id))!).State == JobStatus.Open) await Task.Delay(50);
    return status;
}

static string Describe(CountJob job) => $"{job.Network.Describe()} {(job.Method == CountMethod.Exact ? "exact" : $"{job.Points:N0} points")}, {job.Cells} cells";

static async Task<ClientHost> Client(Npgsql.NpgsqlDataSource database)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.UseOrleansClient(client => client.UseRegionsCluster(database));
    var host = builder.Build();
    await host.StartAsync();
    return new ClientHost(host);
}

static Network Net()
{
    var random = new DeterministicRandom(42);
    Layer Dense(Activation activation, int rows, int columns)
    {
        var weights = new double[rows * columns];
        for (var i = 0; i < weights.Length; i++) weights[i] = Math.Sqrt(2.0 / columns) * random.NextGaussian();
        var biases = new double[rows];
        for (var i = 0; i < rows; i++) biases[i] = 0.1 * random.NextGaussian();
        return new Layer(activation, rows, columns, weights, biases);
    }
    return new Network(2, [Dense(Activation.Relu, 16, 2), Dense(Activation.Relu, 16, 16), Dense(Activation.Linear, 1, 16)]);
}

/// <summary>An Orleans client host that stops when disposed.</summary>
sealed class ClientHost(IHost host) : IAsyncDisposable
{
    public T GetGrain<T>(long key) where T : IGrainWithIntegerKey => host.Services.GetRequiredService<IClusterClient>().GetGrain<T>(key);

    public T GetGrain<T>(long key, string extension) where T : IGrainWithIntegerCompoundKey =>
        host.Services.GetRequiredService<IClusterClient>().GetGrain<T>(key, extension);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>Silo processes started for one measurement, stopped with it.</summary>
sealed class Silos(List<Process> processes) : IDisposable
{
    public static Silos Start(string regionsDll, string connection, string prefix, int count, int threads)
    {
        var processes = new List<Process>();
        var joined = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var process = Process.Start(new ProcessStartInfo("dotnet")
            {
                ArgumentList = { regionsDll, "silo", "--db", connection, "--name", $"{prefix}-{i}", "--threads", threads.ToString(CultureInfo.InvariantCulture) },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            var ready = new TaskCompletionSource();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data?.Contains(" joined cluster", StringComparison.Ordinal) == true) ready.TrySetResult();
            };
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("a silo exited before it joined"));
            process.EnableRaisingEvents = true;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            processes.Add(process);
            joined.Add(ready.Task);
        }
        Task.WaitAll(joined);
        return new Silos(processes);
    }

    /// <summary>CPU time each silo has used so far (user + system), from /proc.</summary>
    public IEnumerable<double> CpuSeconds() => processes.Select(p =>
    {
        var fields = File.ReadAllText($"/proc/{p.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    });

    /// <summary>Each silo's peak resident memory (VmHWM), in megabytes.</summary>
    public IEnumerable<double> PeakMegabytes() => processes.Select(p =>
    {
        var line = File.ReadLines($"/proc/{p.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    });

    public void Dispose()
    {
        foreach (var process in processes)
        {
            Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        }
        foreach (var process in processes)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(20))) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
