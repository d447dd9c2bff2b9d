using BenchmarkDotNet.Attributes;
using Regions.Kernel.Evaluation;

namespace Regions.Benchmarks;

/// <summary>Points per second of each evaluator on each architecture, one core.</summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    public const int Batches = 256;

    private IPatternEvaluator evaluator = null!;
    private double[] points = null!;
    private ulong[] patterns = null!;

    [ParamsSource(nameof(ArchitectureNames))]
    public string Architecture { get; set; } = "";

    [ParamsSource(nameof(EvaluatorNames))]
    public string Evaluator { get; set; } = "";

    public static IEnumerable<string> ArchitectureNames => Architectures.Names;

    public static IEnumerable<string> EvaluatorNames => Architectures.Evaluators;

    [GlobalSetup]
    public void Setup()
    {
        var network = Architectures.Network(Architecture);
        evaluator = Architectures.Create(Evaluator, network) ?? new SimdEvaluator(network);
        points = new double[network.Inputs * evaluator.BatchCapacity];
        var random = new Random(1);
        for (var i = 0; i < points.Length; i++) points[i] = 2 * random.NextDouble() - 1;
        patterns = new ulong[evaluator.BatchCapacity * network.Layout.Words];
    }

    /// <summary>Evaluates <see cref="Batches"/> full batches.</summary>
    [Benchmark]
    public ulong Evaluate()
    {
        for (var b = 0; b < Batches; b++) evaluator.EvaluatePatterns(points, evaluator.BatchCapacity, patterns);
        return patterns[0];
    }

    public long PointsPerOperation => (long)Batches * evaluator.BatchCapacity;
}
