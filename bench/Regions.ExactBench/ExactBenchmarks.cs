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
        var regions = EmbeddedRunner.Run(new CountJob(network, domain, CountMethod.Exact, 0, 4 * Environment.ProcessorCount, 0, SamplerKind.Random) { Slice = slice }).Regions;
        BenchCases.Regions[Case] = regions;
        return regions;
    }
}
