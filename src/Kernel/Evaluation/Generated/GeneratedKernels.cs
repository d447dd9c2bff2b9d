using Regions.Kernel.Evaluation.Compiled;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Generated;

// Kernels the source generator emits at build time, for the architectures the benchmarks and the
// constructions use most; any other architecture is compiled at run time by the same emitter.

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

/// <summary>The build-time kernels, tried in order: the first that accepts a network's architecture evaluates it.</summary>
public static class GeneratedKernels
{
    private static readonly Func<Network, IPatternEvaluator>[] All =
    [
        n => new Relu2x4x4x4(n),
        n => new Relu2x8x8x8(n),
        n => new Relu2x32x32x32(n),
        n => new Relu10x64x64x64x64(n),
        n => new Maxout2x2x2Rank3(n),
    ];

    private static readonly (int Inputs, int[] Widths, string Activation, int Rank)[] Shapes =
    [
        (2, [4, 4, 4], "relu", 1),
        (2, [8, 8, 8], "relu", 1),
        (2, [32, 32, 32], "relu", 1),
        (10, [64, 64, 64, 64], "relu", 1),
        (2, [2, 2], "maxout", 3),
    ];

    /// <summary>A build-time kernel for this network, or null.</summary>
    public static IPatternEvaluator? For(Network network)
    {
        var model = KernelArchitecture.ModelOf(network, "probe");
        if (model is null) return null;
        for (var i = 0; i < Shapes.Length; i++)
        {
            var (inputs, widths, activation, rank) = Shapes[i];
            if (model.Inputs == inputs && model.Widths.SequenceEqual(widths) && model.Activation == activation && model.Rank == rank && model.Slope == 0)
                return All[i](network);
        }
        return null;
    }
}
