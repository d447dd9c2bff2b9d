using BenchmarkDotNet.Attributes;
using Regions.Drawing;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

namespace Regions.ExactBench;

/// <summary>
/// The explorer's view of about 10^4 regions (the shallow construction's 150 lines over [-1, 1]^2, one cell), as
/// POST /regions enumerates it: every region with its polygon, pattern and maps, on one thread and on every core. The
/// baseline is the same cell counted by fingerprints alone on one thread, in the same run: the ratios say what keeping
/// the regions for drawing costs, and what the cores give back.
/// </summary>
[MemoryDiagnoser]
public class ViewBenchmarks
{
    private Network network = null!;
    private readonly AffineSlice slice = AffineSlice.Identity(2);
    private readonly Box box = Box.Cube(2, -1, 1);

    [GlobalSetup]
    public void Setup() => network = NetworkConstructions.Build("shallow", new ConstructionRequest(2, [150]));

    [Benchmark(Baseline = true)]
    public int Fingerprints()
    {
        var count = 0;
        new PlaneEnumerator(network, slice, box).Fingerprints(box, _ => count++, default);
        return count;
    }

    [Benchmark]
    public int ViewOneThread() => View(1);

    [Benchmark]
    public int ViewEveryCore() => View(Environment.ProcessorCount);

    private int View(int threads) => PlaneRegions.Enumerate(network, slice, box, MapPartition.Activation, 200_000, default, threads)!.Regions.Count;

    /// <summary>The view enumerated again and again with its times and allocations: the workload for a sampling profiler.</summary>
    public static void Profile(int repeats, TextWriter output)
    {
        var bench = new ViewBenchmarks();
        bench.Setup();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            foreach (var threads in new[] { 1, Environment.ProcessorCount })
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var collections = GC.CollectionCount(0);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var regions = bench.View(threads);
                var ms = clock.Elapsed.TotalMilliseconds;
                process.Refresh();
                output.WriteLine($"view on {threads} thread(s): {regions} regions in {ms:F1} ms, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F1} MB allocated, {GC.CollectionCount(0) - collections} collections");
            }
        }
    }
}
