using BenchmarkDotNet.Attributes;
using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.ExactBench;

/// <summary>The cases of this run (quick or full), chosen by the command line.</summary>
public static class BenchCases
{
    public static string[] Selected { get; set; } = [];

    /// <summary>Regions each case found, recorded by the benchmark itself (in-process toolchain, so shared).</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, long> Regions { get; } = new();
}

/// <summary>Exact enumeration end to end on the embedded silo (all cores, 4 cells per core).</summary>
[MemoryDiagnoser]
public class ExactBenchmarks
{
    private Network network = null!;
    private Box domain = null!;
    private AffineSlice? slice;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Cases => BenchCases.Selected;

    [GlobalSetup]
    public void Setup() => (network, domain, slice) = ExactCases.Build(Case);

    [Benchmark]
    public long Enumerate()
    {
        var regions = Run(network, domain, slice);
        BenchCases.Regions[Case] = regions;
        return regions;
    }

    private static long Run(Network network, Box domain, AffineSlice? slice, int cells = 0) =>
        EmbeddedRunner.Run(new CountJob(network, domain, CountMethod.Exact, 0, cells > 0 ? cells : 4 * Environment.ProcessorCount, 0, SamplerKind.Random) { Slice = slice }).Regions;

    /// <summary>Runs a case again and again, printing each time: the workload for a sampling profiler.</summary>
    public static void Profile(string name, int repeats, TextWriter output, int cells = 0)
    {
        var (network, domain, slice) = ExactCases.Build(name);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var regions = Run(network, domain, slice, cells);
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            // CPU seconds too: on a shared machine the wall clock measures the neighbours as much as the code.
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            output.WriteLine($"{name}: {regions} regions in {seconds:F3} s ({regions / seconds:N0} regions/s), {cpuSeconds:F3} CPU s ({regions / cpuSeconds:N0} regions per CPU second)");
        }
    }
}
