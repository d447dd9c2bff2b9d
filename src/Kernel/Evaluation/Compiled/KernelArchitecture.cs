using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Compiled;

/// <summary>
/// The checks every generated kernel runs on the network it is given: a kernel is compiled for one
/// architecture (and perhaps one set of weights) and must refuse any other, not compute wrong patterns.
/// The registry of build-time kernels asks the same question, so a kernel is found exactly where it runs.
/// </summary>
public static class KernelArchitecture
{
    public static void Require(Network network, int inputs, int[] widths, string activation, int rank, double slope = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (Mismatch(network, inputs, widths, activation, rank, slope) is { } reason) throw new ArgumentException(reason, nameof(network));
    }

    /// <summary>True when a kernel for this architecture evaluates the network.</summary>
    public static bool Accepts(Network network, int inputs, int[] widths, string activation, int rank, double slope = 0) =>
        Mismatch(network, inputs, widths, activation, rank, slope) is null;

    /// <summary>Why a kernel for this architecture refuses the network, or null when it accepts it.</summary>
    private static string? Mismatch(Network network, int inputs, int[] widths, string activation, int rank, double slope)
    {
        // Built only for a refusal: the registry asks every build-time kernel for every evaluator it makes.
        string Expected() => $"{inputs}-{string.Join("-", widths)} {activation}";
        if (network.Inputs != inputs || network.Layers.Count != widths.Length + 1 || network.Layers[^1].Activation != Activation.Linear)
            return $"this kernel is for {Expected()} with a linear output layer; the network is {network.Describe()}";
        // Kernels are emitted for pwl-network/1 chains: a lowered graph's carried rows and per-unit slopes run on the
        // SIMD evaluator (same bits), so a kernel refuses them rather than read them as units or one shared slope.
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (layer.Carried > 0) return $"this kernel is for {Expected()}; layer {l} of the network carries {layer.Carried} rows through, which kernels do not support";
            if (layer.HasUnitSlopes) return $"this kernel is for {Expected()}; layer {l} of the network has a slope per unit, which kernels do not support";
        }
        for (var l = 0; l < widths.Length; l++)
        {
            var layer = network.Layers[l];
            if (layer.Units != widths[l] || layer.Activation.ToToken() != activation || (activation == "maxout" && layer.Rank != rank) || (activation == "leaky_relu" && layer.Slope != slope))
                return $"this kernel is for {Expected()}; layer {l} of the network is {layer.Units} {layer.Activation.ToToken()} units";
        }
        return null;
    }

    /// <summary>A kernel with weights compiled in runs only on the network they came from.</summary>
    public static void RequireWeights(Network network, int layer, double[] weights, double[] biases)
    {
        if (!network.Layers[layer].Weights.SequenceEqual(weights) || !network.Layers[layer].Biases.SequenceEqual(biases))
            throw new ArgumentException($"this kernel has the weights of another network compiled in (layer {layer} differs)", nameof(network));
    }
}
