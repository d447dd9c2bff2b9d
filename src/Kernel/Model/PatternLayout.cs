namespace Regions.Kernel.Model;

/// <summary>
/// Packs an activation pattern into 64-bit words: units in layer order, each taking
/// <see cref="Layer.BitsPerUnit"/> bits (1 per relu/abs/leaky unit, ceil(log2 k) per rank-k maxout
/// unit, 2 per hardtanh unit). A unit never straddles two words, so it is read with one shift and mask.
/// </summary>
public sealed class PatternLayout
{
    private readonly int[] firstSlot;

    internal PatternLayout(IReadOnlyList<Layer> layers)
    {
        firstSlot = new int[layers.Count];
        var slots = new List<(int Word, int Shift)>();
        int word = 0, used = 0;
        for (var l = 0; l < layers.Count; l++)
        {
            firstSlot[l] = slots.Count;
            var bits = layers[l].BitsPerUnit;
            if (bits == 0) continue;
            for (var u = 0; u < layers[l].ActivationUnits; u++)
            {
                if (used + bits > 64) { word++; used = 0; }
                slots.Add((word, used));
                used += bits;
            }
        }
        Words = slots.Count == 0 ? 1 : (used == 0 ? word : word + 1);
        Slots = slots.ToArray();
        TotalBits = layers.Sum(l => l.BitsPerUnit * (long)l.ActivationUnits);
        BitsPerLayer = layers.Select(l => l.BitsPerUnit).ToArray();
    }

    /// <summary>64-bit words per packed pattern (at least 1).</summary>
    public int Words { get; }

    /// <summary>Bits actually used by units (the information content of a pattern).</summary>
    public long TotalBits { get; }

    /// <summary>(word, shift) of every pattern unit, in layer order; linear layers have none.</summary>
    public IReadOnlyList<(int Word, int Shift)> Slots { get; }

    private int[] BitsPerLayer { get; }

    /// <summary>Index into <see cref="Slots"/> of unit 0 of layer <paramref name="layer"/>.</summary>
    public int FirstSlot(int layer) => firstSlot[layer];

    public int State(ReadOnlySpan<ulong> pattern, int layer, int unit)
    {
        var bits = BitsPerLayer[layer];
        if (bits == 0) return 0;
        var (w, s) = Slots[firstSlot[layer] + unit];
        return (int)((pattern[w] >> s) & ((1UL << bits) - 1));
    }
}
