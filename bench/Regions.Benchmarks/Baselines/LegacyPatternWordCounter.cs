using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Regions.Kernel.Evaluation;

namespace Regions.Benchmarks.Baselines;

// The pre-merge baseline: PatternWordCounter as it was at 7356a26, before its probe loop moved to the shared core,
// kept verbatim (renamed) so one benchmark run compares old and new as ratios. Not used by the product.
/// <summary>
/// <see cref="LegacyFingerprintCounter"/> for networks whose whole pattern fits one 64-bit word (their pattern is
/// their fingerprint): half the entry size and one comparison per probe. Small networks are exactly where
/// counting costs as much as evaluating, so the narrower table pays.
/// </summary>
internal sealed class LegacyPatternWordCounter
{
    private struct Entry
    {
        public ulong Pattern;
        public long Count;
    }

    private Entry[] entries = new Entry[256];
    private int shift = 64 - 8;
    private int size;

    public int Count => size;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementAll(ReadOnlySpan<ulong> patterns)
    {
        var table = entries;
        var mask = table.Length - 1;
        var s = shift;
        foreach (var pattern in patterns)
        {
            // Fibonacci hashing: patterns are small integers, the multiply spreads them over the top bits.
            var slot = (int)((pattern * 0x9E3779B97F4A7C15UL) >> s);
            while (true)
            {
                ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), slot);
                if (entry.Count != 0)
                {
                    if (entry.Pattern == pattern)
                    {
                        entry.Count++;
                        break;
                    }
                    slot = (slot + 1) & mask;
                    continue;
                }
                entry.Pattern = pattern;
                entry.Count = 1;
                if (++size * 2 > table.Length)
                {
                    Grow();
                    (table, mask, s) = (entries, entries.Length - 1, shift);
                }
                break;
            }
        }
    }

    /// <summary>The counts keyed by fingerprint.</summary>
    public Dictionary<UInt128, long> ToDictionary()
    {
        var result = new Dictionary<UInt128, long>(size);
        foreach (var entry in entries)
        {
            if (entry.Count == 0) continue;
            var pattern = entry.Pattern;
            result.Add(Fingerprint.Of(new ReadOnlySpan<ulong>(in pattern)), entry.Count);
        }
        return result;
    }

    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        shift--;
        var mask = entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Count == 0) continue;
            var slot = (int)((entry.Pattern * 0x9E3779B97F4A7C15UL) >> shift);
            while (entries[slot].Count != 0) slot = (slot + 1) & mask;
            entries[slot] = entry;
        }
    }
}
