using System.Runtime.CompilerServices;

namespace Regions.Grains.Cells;

/// <summary>
/// <see cref="FingerprintCounter"/> for networks whose whole pattern fits one 64-bit word (their pattern is
/// their fingerprint): half the entry size and one comparison per probe. Small networks are exactly where
/// counting costs as much as evaluating, so the narrower table pays.
/// </summary>
internal sealed class PatternWordCounter : OpenAddressingCounter<ulong, PatternWordCounter.Rules>
{
    internal readonly struct Rules : ICounterKey<ulong>
    {
        // Fibonacci hashing: patterns are small integers, the multiply spreads them over the top bits.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Home(ulong pattern, int mask, int shift) => (int)((pattern * 0x9E3779B97F4A7C15UL) >> shift);

        public static UInt128 Fingerprint(ulong pattern) => Regions.Kernel.Evaluation.Fingerprint.Of(new ReadOnlySpan<ulong>(in pattern));
    }
}
