using System.Runtime.CompilerServices;

namespace Regions.Grains.Cells;

/// <summary>Counts sample hits per pattern fingerprint inside one cell.</summary>
internal sealed class FingerprintCounter : OpenAddressingCounter<UInt128, FingerprintCounter.Rules>
{
    public void Increment(UInt128 key) => IncrementAll(new ReadOnlySpan<UInt128>(in key));

    internal readonly struct Rules : ICounterKey<UInt128>
    {
        // Short patterns are their own fingerprint (not random bits), so mix both halves before masking.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Home(UInt128 key, int mask, int shift)
        {
            var (low, high) = ((ulong)key, (ulong)(key >> 64));
            return (int)(((low ^ high * 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL) >> 32) & mask;
        }

        public static UInt128 Fingerprint(UInt128 key) => key;
    }
}
