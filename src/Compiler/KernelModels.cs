using Regions.Generators.Emit;
using Regions.Kernel.Model;

namespace Regions.Compiler;

/// <summary>The kernel shape of a network known at run time: the emitter's model of it.</summary>
public static class KernelModels
{
    /// <summary>The activation names of the format that kernels are emitted for.</summary>
    public static IReadOnlyList<string> Supported => KernelEmitter.Activations;

    /// <summary>The kernel model of a network: null when its hidden layers do not share one supported activation, or a layer has carried rows or per-unit slopes.</summary>
    public static KernelModel? Of(Network network, string className, string? ns = null)
    {
        if (network.Layers.Count < 2 || network.Layers[^1].Activation != Activation.Linear) return null;
        var hidden = network.Layers.Take(network.Layers.Count - 1).ToArray();
        var activation = hidden[0].Activation.ToToken();
        if (!Supported.Contains(activation)) return null;
        // The emitter knows pwl-network/1 chains only: carried rows and per-unit slopes stay on the SIMD evaluator.
        if (network.Layers.Any(l => l.Carried > 0 || l.HasUnitSlopes)) return null;
        if (hidden.Any(l => l.Activation != hidden[0].Activation || l.Rank != hidden[0].Rank || l.Slope != hidden[0].Slope)) return null;
        return new KernelModel(ns, className, network.Inputs, hidden.Select(l => l.Units).ToArray(), activation, hidden[0].Rank, hidden[0].Slope, null);
    }
}
