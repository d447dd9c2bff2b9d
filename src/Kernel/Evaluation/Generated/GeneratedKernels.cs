using System.Reflection;
using Regions.Kernel.Evaluation.Compiled;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Generated;

// Kernels the source generator emits at build time, for the architectures the benchmarks and the
// constructions use most; any other architecture is compiled at run time by the same emitter.
// Each shape is stated once, in its attribute: GeneratedKernels.All reads the attributes, and the factory,
// the tests and the benchmarks read GeneratedKernels.All.

[RegionsKernel(2, [4, 4, 4])]
public sealed partial class Relu2x4x4x4;

[RegionsKernel(2, [8, 8, 8])]
public sealed partial class Relu2x8x8x8;

[RegionsKernel(2, [32, 32, 32])]
public sealed partial class Relu2x32x32x32;

[RegionsKernel(10, [64, 64, 64, 64])]
public sealed partial class Relu10x64x64x64x64;

[RegionsKernel(2, [2, 2], Activation = "maxout", Rank = 3)]
public sealed partial class Maxout2x2x2Rank3;

/// <summary>
/// One build-time kernel: its class, the architecture its attribute declares, and whether that architecture
/// fits the unroll limit (when it does not, the class wraps the generic vectorised evaluator).
/// </summary>
public sealed record BuildTimeKernel(string Name, int Inputs, int[] Widths, string Activation, int Rank, double Slope, long MultiplyAdds, bool Unrolled, long UnrollLimit, Func<Network, EvaluatorPrecision, IPatternEvaluator> CreateIn)
{
    /// <summary>The kernel for a network of this architecture, float-screened.</summary>
    public IPatternEvaluator Create(Network network) => CreateIn(network, EvaluatorPrecision.FloatScreened);

    /// <summary>Inputs and hidden widths, as the CLI writes them: "2-8-8-8".</summary>
    public string Architecture => $"{Inputs}-{string.Join("-", Widths)}";

    /// <summary>What the factory calls the evaluator that really runs.</summary>
    public string EvaluatorKind => Unrolled
        ? $"generated kernel {Name}"
        : $"generic vectorised evaluator ({Architecture} {Activation} needs {MultiplyAdds} multiply-adds per point, over the unroll limit of {UnrollLimit})";

    /// <summary>The kernel's own architecture check (<see cref="KernelArchitecture"/>), so it is found exactly for the networks it runs.</summary>
    public bool Accepts(Network network) => KernelArchitecture.Accepts(network, Inputs, Widths, Activation, Rank, Slope);
}

/// <summary>The build-time kernels, tried in order: the first that accepts a network's architecture evaluates it.</summary>
public static class GeneratedKernels
{
    /// <summary>The registry of build-time shapes, read from the attributes above.</summary>
    public static readonly IReadOnlyList<BuildTimeKernel> All =
    [
        Of<Relu2x4x4x4>(),
        Of<Relu2x8x8x8>(),
        Of<Relu2x32x32x32>(),
        Of<Relu10x64x64x64x64>(),
        Of<Maxout2x2x2Rank3>(),
    ];

    /// <summary>The build-time kernel whose class has this name.</summary>
    public static BuildTimeKernel Named(string name) => All.Single(k => k.Name == name);

    /// <summary>The build-time kernel for this network's architecture, or null.</summary>
    public static BuildTimeKernel? Find(Network network) => All.FirstOrDefault(k => k.Accepts(network));

    /// <summary>A build-time kernel for this network, or null.</summary>
    public static IPatternEvaluator? For(Network network, EvaluatorPrecision precision = EvaluatorPrecision.FloatScreened) => Find(network)?.CreateIn(network, precision);

    private static BuildTimeKernel Of<T>() where T : IEmittedKernel
    {
        var attribute = typeof(T).GetCustomAttribute<RegionsKernelAttribute>()!;
        var rank = attribute.Activation == "maxout" ? attribute.Rank : 1;
        return new BuildTimeKernel(typeof(T).Name, attribute.Inputs, attribute.Widths, attribute.Activation, rank, attribute.Slope,
            T.MultiplyAdds, T.Unrolled, T.UnrollLimit, (network, precision) => T.Create(network, precision));
    }
}
