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
        for (var i = 0; i < repeats; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var regions = bench.View();
            var view = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            bench.Fingerprints();
            output.WriteLine($"view: {regions} regions in {view:F1} ms; fingerprints alone {clock.Elapsed.TotalMilliseconds:F1} ms");
        }
    }
}
