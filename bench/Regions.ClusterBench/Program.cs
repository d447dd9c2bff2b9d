using System.Diagnostics;
using Regions.Cluster;
using Regions.Cluster.Jobs;
using Regions.Cluster.Silos;
using Regions.Grains.Cells;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

// Cluster benchmarks (multi-process, so Stopwatch rather than BenchmarkDotNet):
//   merge:      fingerprints per second merged into PostgreSQL by the exactly-once cell completion;
//   throughput: one sampling job end to end on the embedded silo and on 1, 2, 3 silo processes.
// Usage: dotnet run -c Release --project bench/Regions.ClusterBench -- --db CONNSTR [--quick]
var arguments = args.ToList();
var at = arguments.IndexOf("--db");
if (at < 0 || at + 1 >= arguments.Count)
{
    Console.Error.WriteLine("usage: Regions.ClusterBench --db CONNSTR [--quick]   (the database is used for scratch jobs)");
    return 2;
}
var connection = arguments[at + 1];
var quick = arguments.Contains("--quick");
await using var database = await Database.ConnectAsync(connection);
var store = new JobStore(database);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

// Merge: cells of random fingerprints, each completed in one transaction (COPY + upsert + job update).
foreach (var perCell in quick ? new[] { 100_000 } : new[] { 10_000, 100_000, 1_000_000 })
{
    var cells = quick ? 4 : 8;
    var job = new CountJob(Net(), Box.Cube(2, -1, 1), CountMethod.Sample, (long)perCell * cells, cells, 0, SamplerKind.Random);
    var id = await store.SubmitAsync(job);
    var leases = new CellLeases(database, TimeSpan.FromMinutes(5));
    var random = new DeterministicRandom((ulong)perCell);
    var total = Stopwatch.StartNew();
    var merged = 0L;
    for (var c = 0; c < cells; c++)
    {
        var lease = (await leases.LeaseAsync("bench", default))!;
        var hits = new Dictionary<UInt128, long>(perCell);
        // Half the fingerprints repeat across cells (regions crossing cells), half are new.
        for (var i = 0; i < perCell; i++) hits[new UInt128(i % 2 == 0 ? 7 : random.NextUInt64(), i % 2 == 0 ? (ulong)i : random.NextUInt64())] = 1;
        await leases.CompleteAsync(lease, new CellPatterns(lease.Cell, hits, perCell), default);
        merged += hits.Count;
    }
    total.Stop();
    var status = (await store.StatusAsync(id))!;
    Console.WriteLine($"merge: {cells} cells x {perCell:N0} fingerprints: {merged / total.Elapsed.TotalSeconds:N0} fingerprints/s ({status.DistinctSoFar:N0} distinct in the merged set)");
}

// Throughput: the same job, embedded vs silo processes.
var points = quick ? 20_000_000L : 100_000_000L;
var throughputJob = new CountJob(Net(), Box.Cube(2, -1, 1), CountMethod.Sample, points, 64, 1, SamplerKind.Random);
var clock = Stopwatch.StartNew();
var embedded = EmbeddedRunner.Run(throughputJob);
Console.WriteLine($"embedded: {embedded.Regions} regions, {points / clock.Elapsed.TotalSeconds / 1e6:F1} M points/s");
var regionsDll = Path.Combine(AppContext.BaseDirectory, "regions.dll");
foreach (var silos in new[] { 1, 2, 3 })
{
    var id = await store.SubmitAsync(throughputJob);
    clock.Restart();
    var processes = Enumerable.Range(0, silos).Select(i => Process.Start(new ProcessStartInfo("dotnet")
    {
        ArgumentList = { regionsDll, "silo", "--db", connection, "--name", $"bench-{silos}-{i}", "--threads", Math.Max(1, Environment.ProcessorCount / silos).ToString(), "--exit-when-idle" },
        RedirectStandardError = true,
        RedirectStandardOutput = true,
    })!).ToList();
    JobStatus status;
    while ((status = (await store.StatusAsync(id))!).State == "open") await Task.Delay(50);
    var seconds = clock.Elapsed.TotalSeconds;
    foreach (var process in processes)
    {
        await process.WaitForExitAsync();
        process.Dispose();
    }
    Console.WriteLine($"{silos} silo(s): {status.Regions} regions (embedded {embedded.Regions}), {points / seconds / 1e6:F1} M points/s including process start");
}
return 0;

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
