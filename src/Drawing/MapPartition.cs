using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;

namespace Regions.Drawing;

/// <summary>
/// Which partition of the plane a map draws: activation regions (one per pattern), linear regions (adjacent
/// regions with equal output maps merged), or the regions after layer <see cref="Layer"/> (the pattern of layers
/// 1..Layer only, as in the papers' folding figures).
/// </summary>
public sealed record MapPartition(bool Linear, int? Layer)
{
    public static MapPartition Activation { get; } = new(false, null);

    /// <summary>Checks the combination against the network, with the message a user sees.</summary>
    public MapPartition CheckedFor(Network network)
    {
        if (Linear && Layer is not null) throw new InvalidRequestException("--layer and --definition linear draw different partitions; give one of them");
        if (Layer is { } l && (l < 1 || l > network.Layers.Count))
            throw new InvalidRequestException("layer", $"{l} is out of range: the network has {network.Layers.Count} layers (1..{network.Layers.Count})");
        return this;
    }

    /// <summary>What the title says.</summary>
    public string Describe() => Linear ? "linear regions" : Layer is { } l ? $"activation regions after layer {l}" : "activation regions";

    /// <summary>
    /// The pattern of layers 1..Layer as a fingerprint: the later units' slots cleared (slots are in layer order), so two
    /// regions share it exactly when their first layers agree. The cleared pattern hashes like any other, so its colour
    /// is as stable as a full pattern's.
    /// </summary>
    internal UInt128 PrefixKey(Network network, ulong[] pattern)
    {
        if (Layer is not { } l || l >= network.Layers.Count) return Fingerprint.Of(pattern);
        var layout = network.Layout;
        var prefix = new ulong[pattern.Length];
        for (var layer = 0; layer < l; layer++)
        {
            var bits = network.Layers[layer].BitsPerUnit;
            if (bits == 0) continue;
            var first = layout.FirstSlot(layer);
            for (var slot = first; slot < first + network.Layers[layer].ActivationUnits; slot++)
            {
                var (word, shift) = layout.Slots[slot];
                prefix[word] |= pattern[word] & (((1UL << bits) - 1) << shift);
            }
        }
        // The layer count is mixed in so an all-off prefix is not confused with the full all-off pattern of another map.
        return Fingerprint.Hash([.. prefix, (ulong)l]);
    }
}
