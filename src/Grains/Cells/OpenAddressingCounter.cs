using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regions.Grains.Cells;

/// <summary>
/// What a hit counter needs to know about its key type. Static members on a struct type argument: the JIT
/// compiles each counter's probe loop with these inlined, so no key pays an interface call.
/// </summary>
internal interface ICounterKey<TKey>
{
    /// <summary>Where probing for the key starts in a table of <c>mask + 1 = 2^(64 - shift)</c> entries.</summary>
    static abstract int Home(TKey key, int mask, int shift);

    /// <summary>The pattern fingerprint the key stands for, under which its hits are reported.</summary>
    static abstract UInt128 Fingerprint(TKey key);
}

/// <summary>
/// Counts sample hits per key inside one cell: an open-addressing table with linear probing whose entries
/// hold key and count together (one cache line per probe), because a general dictionary costs more per point
/// than evaluating a small network does. The counters differ only in their key, given by <typeparamref name="TRules"/>.
/// </summary>
internal abstract class OpenAddressingCounter<TKey, TRules>
    where TKey : unmanaged, IEquatable<TKey>
    where TRules : struct, ICounterKey<TKey>
{
    // A count of 0 marks an empty slot, so a fresh array is an empty table. For a 128-bit key the entry is
    // 32 bytes (UInt128 is 16-byte aligned), so its address is a shift. It stays within one cache line only
    // when the array's data happens to be 32-byte aligned: .NET guarantees 8 (seen here: 0, 8, 40, 48 mod 64).
    [StructLayout(LayoutKind.Sequential)]
    internal struct Entry
    {
        public TKey Key;
        public long Count;
    }

    // The mask is read from the table's length rather than kept as a field: one field fewer to keep in step, and
    // the counter object stays 32 bytes like the pre-merge counters, so the tables allocated after it keep
    // their pre-merge alignment (a 40-byte object shifted every other fresh table by 8 bytes).
    private Entry[] entries = new Entry[256];
    private int shift = 64 - 8;
    private int size;

    public int Count => size;

    /// <summary>
    /// Counts a batch of keys: the table, mask and shift stay in registers across the batch (they are reloaded
    /// only when the table grows), which is most of the cost per point.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void IncrementAll(ReadOnlySpan<TKey> keys)
    {
        var table = entries;
        var (m, s) = (table.Length - 1, shift);
        foreach (var key in keys)
        {
            var slot = TRules.Home(key, m, s);
            while (true)
            {
                ref var entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), slot);
                if (entry.Count != 0)
                {
                    if (entry.Key.Equals(key))
                    {
                        entry.Count++;
                        break;
                    }
                    slot = (slot + 1) & m;
                    continue;
                }
                entry.Key = key;
                entry.Count = 1;
                if (++size * 2 > table.Length)
                {
                    Grow();
                    (table, m, s) = (entries, entries.Length - 1, shift);
                }
                break;
            }
        }
    }

    /// <summary>The counts keyed by fingerprint, in slot order (the order the shard blocks receive them).</summary>
    public Dictionary<UInt128, long> ToDictionary()
    {
        var result = new Dictionary<UInt128, long>(size);
        foreach (var entry in entries)
        {
            if (entry.Count != 0) result.Add(TRules.Fingerprint(entry.Key), entry.Count);
        }
        return result;
    }

    private void Grow()
    {
        var old = entries;
        entries = new Entry[old.Length * 2];
        var mask = entries.Length - 1;
        shift--;
        foreach (var entry in old)
        {
            if (entry.Count == 0) continue;
            var slot = TRules.Home(entry.Key, mask, shift);
            while (entries[slot].Count != 0) slot = (slot + 1) & mask;
            entries[slot] = entry;
        }
    }
}
