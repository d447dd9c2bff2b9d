using BenchmarkDotNet.Attributes;
using Regions.Drawing;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

namespace Regions.ExactBench;

/// <summary>
/// The explorer's view of about 10^4 regions (the shallow construction's 150 lines over [-1, 1]^2, one cell, one
/// thread), as POST /regions enumerates it: every region with its polygon, pattern and maps. The baseline is the
/// same cell counted by fingerprints alone, in the same run: the ratio is what keeping the regions for drawing costs.
/// </summary>
[MemoryDiagnoser]
public class ViewBenchmarks
{
    private Network network = null!;
    private AffineSlice slice = null!;
    private readonly Box box = Box.Cube(2, -1, 1);

    [GlobalSetup]
    public void Setup() => (network, slice) = Build();

    public static (Network Network, AffineSlice Slice) Build()
    {
        var network = NetworkConstructions.Build("shallow", new ConstructionRequest(2, [150]));
        return (network, AffineSlice.Identity(network.Inputs));
    }

    [Benchmark(Baseline = true)]
    public int Fingerprints()
    {
        var count = 0;
        new PlaneEnumerator(network, slice, box).Fingerprints(box, _ => count++, default);
        return count;
    }

    [Benchmark]
    public int View() => PlaneRegions.Enumerate(network, slice, box, new MapPartition(false, null), 200_000)!.Regions.Count;

    /// <summary>The view enumerated again and again with its times: the workload for a sampling profiler.</summary>
    public static void Profile(int repeats, TextWriter output)
    {
        var bench = new ViewBenchmarks();
        bench.Setup();
        var kept = new Queue<CellEnumeration>();
        var keep = int.Parse(Environment.GetEnvironmentVariable("KEEP") ?? "0");
        for (var i = 0; i < repeats; i++)
        {
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var threads = int.Parse(Environment.GetEnvironmentVariable("THREADS") ?? "2");
            var view = new PlaneEnumerator(bench.network, bench.slice, bench.box).Enumerate(bench.box, false, 200_000, threads, default)!;
            var regions = view.Regions.Count;
            kept.Enqueue(view);
            if (kept.Count > keep) kept.Dequeue();
            var ms = clock.Elapsed.TotalMilliseconds;
            var cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            clock.Restart();
            bench.Fingerprints();
            output.WriteLine($"view: {regions} regions in {ms:F1} ms ({cpuMs:F0} ms CPU); fingerprints alone {clock.Elapsed.TotalMilliseconds:F1} ms");
        }
    }
}
