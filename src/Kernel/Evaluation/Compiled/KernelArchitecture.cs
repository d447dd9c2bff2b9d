using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Compiled;

/// <summary>
/// The checks every generated kernel runs on the network it is given: a kernel is compiled for one
/// architecture (and perhaps one set of weights) and must refuse any other, not compute wrong patterns.
/// </summary>
public static class KernelArchitecture
{
    /// <summary>The activation names of the format that kernels are emitted for: the emitter's registry of kinds.</summary>
    public static readonly IReadOnlyList<string> Supported = Regions.Generators.Emit.EmittedKinds.Tokens;

    public static void Require(Network network, int inputs, int[] widths, string activation, int rank, double slope = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        var expected = $"{inputs}-{string.Join("-", widths)} {activation}";
        if (network.Inputs != inputs || network.Layers.Count != widths.Length + 1 || network.Layers[^1].Activation != Activation.Linear)
            throw new ArgumentException($"this kernel is for {expected} with a linear output layer; the network is {network.Describe()}", nameof(network));
        for (var l = 0; l < widths.Length; l++)
        {
            var layer = network.Layers[l];
            if (layer.Units != widths[l] || layer.Activation.ToToken() != activation || (activation == "maxout" && layer.Rank != rank) || (activation == "leaky_relu" && layer.Slope != slope))
                throw new ArgumentException($"this kernel is for {expected}; layer {l} of the network is {layer.Units} {layer.Activation.ToToken()} units", nameof(network));
        }
    }

    /// <summary>A kernel with weights compiled in runs only on the network they came from.</summary>
    public static void RequireWeights(Network network, int layer, double[] weights, double[] biases)
    {
        if (!network.Layers[layer].Weights.SequenceEqual(weights) || !network.Layers[layer].Biases.SequenceEqual(biases))
            throw new ArgumentException($"this kernel has the weights of another network compiled in (layer {layer} differs)", nameof(network));
    }

    /// <summary>The kernel shape of a network: null when its hidden layers do not share one supported activation.</summary>
    public static Regions.Generators.Emit.KernelModel? ModelOf(Network network, string className, string? ns = null)
    {
        if (network.Layers.Count < 2 || network.Layers[^1].Activation != Activation.Linear) return null;
        var hidden = network.Layers.Take(network.Layers.Count - 1).ToArray();
        var activation = hidden[0].Activation.ToToken();
        if (!Supported.Contains(activation)) return null;
        if (hidden.Any(l => l.Activation != hidden[0].Activation || l.Rank != hidden[0].Rank || l.Slope != hidden[0].Slope)) return null;
        return new Regions.Generators.Emit.KernelModel(ns, className, network.Inputs, hidden.Select(l => l.Units).ToArray(), activation, hidden[0].Rank, hidden[0].Slope, null);
    }
}
