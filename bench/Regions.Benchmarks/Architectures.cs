using Regions.Compiler;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Evaluation.Compiled;
using Regions.Kernel.Evaluation.Generated;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

namespace Regions.Benchmarks;

/// <summary>The architectures of the evaluator benchmarks, and the evaluators compared on them.</summary>
public static class Architectures
{
    /// <summary>The relu shapes of the build-time kernels (the registry in <see cref="GeneratedKernels"/>).</summary>
    public static readonly string[] Names = GeneratedKernels.All.Where(k => k.Activation == "relu").Select(k => k.Architecture).ToArray();

    /// <summary>"-double" names the same evaluator on its double path, the baseline of the float-screened default.</summary>
    public static readonly string[] Evaluators = ["interpreter", "simd", "simd-double", "kernel", "kernel-double"];

    public static Network Network(string name)
    {
        var sizes = name.Split('-').Select(int.Parse).ToArray();
        return NetworkConstructions.Build("random", new ConstructionRequest(sizes[0], sizes[1..], null, 1));
    }

    /// <summary>Multiply-adds per point that a pattern needs (the hidden layers; the linear output is not part of a pattern).</summary>
    public static long MultiplyAdds(Network network) =>
        network.Layers.Take(network.Layers.Count - 1).Sum(l => (long)l.Rows * l.Columns);

    /// <summary>"kernel" is the build-time generated kernel when there is one, else one compiled now; null when neither applies.</summary>
    public static IPatternEvaluator? Create(string evaluator, Network network) => evaluator switch
    {
        "interpreter" => new InterpreterBatch(network),
        "simd" => new SimdEvaluator(network),
        "simd-double" => new SimdEvaluator(network, precision: EvaluatorPrecision.Double),
        "kernel-double" => GeneratedKernels.For(network, EvaluatorPrecision.Double) ?? RuntimeKernelCompiler.Shared.Create(network, EvaluatorPrecision.Double),
        _ => GeneratedKernels.For(network) ?? RuntimeKernelCompiler.Shared.Create(network),
    };
}

/// <summary>The scalar interpreter behind the batch interface, as the baseline.</summary>
public sealed class InterpreterBatch(Network network) : IPatternEvaluator
{
    private readonly Interpreter interpreter = new(network);
    private readonly double[] x = new double[network.Inputs];
    private readonly double[] output = new double[network.Outputs];

    public Network Network => network;

    public int BatchCapacity => 64;

    public void EvaluatePatterns(ReadOnlySpan<double> points, int count, Span<ulong> patterns)
    {
        var words = network.Layout.Words;
        for (var p = 0; p < count; p++)
        {
            for (var j = 0; j < x.Length; j++) x[j] = points[j * BatchCapacity + p];
            interpreter.Evaluate(x, patterns.Slice(p * words, words), output);
        }
    }
}
