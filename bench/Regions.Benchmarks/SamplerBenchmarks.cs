using BenchmarkDotNet.Attributes;
using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Grains.Sampling;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;

namespace Regions.Benchmarks;

/// <summary>
/// The sampling work item of a cell against the kernel alone, on a random 2-8-8-8 net: <see cref="KernelAlone"/>
/// evaluates points drawn beforehand, <see cref="CellWork"/> runs <see cref="SampleCellWork"/> (draw, evaluate,
/// count) on as many points, so the Ratio column is what drawing and counting cost on top of the kernel.
/// <see cref="SamplerAlone"/> draws the same points without evaluating them. Each thread has its own cell and evaluator.
/// </summary>
[MedianColumn]
[MinColumn]
public class SamplerBenchmarks
{
    public const string Architecture = "2-8-8-8";

    /// <summary>Points per thread per operation: tens of milliseconds at the kernel's pace.</summary>
    public const int PointsPerThread = 1 << 22;

    private CountJob job = null!;
    private CellGrid grid = null!;
    private IPatternEvaluator[] evaluators = [];
    private double[] drawn = [];
    private ulong[][] patterns = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(SamplerKind.Random, SamplerKind.Lattice)]
    public SamplerKind Sampler { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var network = Architectures.Network(Architecture);
        job = new CountJob(network, Box.Cube(network.Inputs, -1, 1), CountMethod.Sample, (long)PointsPerThread * Threads, Threads, 1, Sampler);
        grid = new CellGrid(job.Domain, job.Cells);
        evaluators = Enumerable.Range(0, Threads).Select(_ => Architectures.Create("kernel", network)!).ToArray();
        var batch = evaluators[0].BatchCapacity;
        // The kernel alone sees the points the cell work item would draw: one batch, evaluated over and over.
        drawn = new double[network.Inputs * batch];
        new PointSampler(grid.Cell(0), Sampler, job.Seed, 0).Next(drawn, batch, batch);
        patterns = evaluators.Select(e => new ulong[e.BatchCapacity * network.Layout.Words]).ToArray();
    }

    [Benchmark(Baseline = true)]
    public void KernelAlone() => OnEachThread(t =>
    {
        var (evaluator, batch) = (evaluators[t], evaluators[t].BatchCapacity);
        for (var done = 0; done < PointsPerThread; done += batch) evaluator.EvaluatePatterns(drawn, batch, patterns[t]);
    });

    [Benchmark]
    public void CellWork() => OnEachThread(t => SampleCellWork.Execute(job, grid, t, evaluators[t], CancellationToken.None));

    [Benchmark]
    public void SamplerAlone() => OnEachThread(t =>
    {
        var batch = evaluators[t].BatchCapacity;
        var points = new double[job.Network.Inputs * batch];
        var sampler = new PointSampler(grid.Cell(t), Sampler, job.Seed, t);
        for (var done = 0; done < PointsPerThread; done += batch) sampler.Next(points, batch, batch);
    });

    private void OnEachThread(Action<int> work)
    {
        if (Threads == 1) work(0);
        else Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, work);
    }
}
