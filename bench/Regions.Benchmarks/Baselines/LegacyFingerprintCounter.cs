using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regions.Benchmarks.Baselines;

// The pre-merge baseline: FingerprintCounter as it was at 7356a26, before its probe loop moved to the shared core,
// kept verbatim (renamed) so one benchmark run compares old and new as ratios. Not used by the product.
/// <summary>
/// Counts sample hits per fingerprint inside one cell: an open-addressing table with linear probing whose
/// entries hold key and count together (one cache line per probe), because a general dictionary costs more
/// per point than evaluating a small network does.
/// </summary>
internal sealed class LegacyFingerprintCounter
{
    // 32 bytes: an entry never straddles a cache line and its address is a shift.
    [StructLayout(LayoutKind.Sequential, Size = 32)]
    private struct Entry
    {
        public ulong Low;
        public ulong High;
        public long Count;
    }

    private Entry[] entries = new Entry[256];
    private int mask = 255;
    private int size;

    public int Count => size;

    public void Increment(UInt128 key) => IncrementAll(new ReadOnlySpan<UInt128>(in key));

    /// <summary>
    /// Counts a batch of keys: the table and mask stay in registers across the batch (they are reloaded only
    /// when the table grows), which is most of the cost per point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementAll(ReadOnlySpan<UInt128> keys)
    {
        var table = entries;
        var m = mask;
        // Read the halves directly: UInt128's shift is a call the JIT does not always fold.
        var halves = MemoryMarshal.Cast<UInt128, ulong>(keys);
        for (var k = 0; k < halves.Length; k += 2)
        {
            var (low, high) = BitConverter.IsLittleEndian ? (halves[k], halves[k + 1]) : (halves[k + 1], halves[k]);
            var slot = Mix(low, high) & m;
            while (true)
            {
                ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), slot);
                if (entry.Count != 0)
                {
                    if (entry.Low == low && entry.High == high)
                    {
                        entry.Count++;
                        break;
                    }
                    slot = (slot + 1) & m;
                    continue;
                }
                entry.Low = low;
                entry.High = high;
                entry.Count = 1;
                if (++size * 2 > table.Length)
                {
                    Grow();
                    (table, m) = (entries, mask);
                }
                break;
            }
        }
    }

    public Dictionary<UInt128, long> ToDictionary()
    {
        var result = new Dictionary<UInt128, long>(size);
        foreach (var entry in entries)
        {
            if (entry.Count != 0) result.Add(new UInt128(entry.High, entry.Low), entry.Count);
        }
        return result;
    }

    // Short patterns are their own fingerprint (not random bits), so mix both halves before masking.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mix(ulong low, ulong high) => (int)(((low ^ high * 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL) >> 32);

    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        mask = entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Count == 0) continue;
            var slot = Mix(entry.Low, entry.High) & mask;
            while (entries[slot].Count != 0) slot = (slot + 1) & mask;
            entries[slot] = entry;
        }
    }
}
