using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regions.Grains.Sharding;

/// <summary>
/// One shard's part of a job's merged pattern set: fingerprints with their hit counts, in open addressing
/// with linear probing. Keys and counts live in two flat arrays (16 bytes per slot, plus 8 for sampling
/// jobs) grown at three-quarters load, so a shard of 10^7 patterns is a few hundred megabytes, not the
/// gigabytes a HashSet of boxed entries would take. The all-zero fingerprint marks an empty slot, so it is
/// kept aside.
/// </summary>
public sealed class ShardSet(bool countHits)
{
    private UInt128[] keys = new UInt128[1024];
    private long[]? hits = countHits ? new long[1024] : null;
    private int size;
    private long zeroHits;

    public long Count => size + (zeroHits > 0 ? 1 : 0);

    /// <summary>Adds a block's fingerprints; counts add up for sampling jobs.</summary>
    public void Add(ReadOnlySpan<byte> block)
    {
        var blockKeys = FingerprintBlock.Keys(block);
        var blockHits = FingerprintBlock.Hits(block);
        for (var i = 0; i < blockKeys.Length; i++) Add(blockKeys[i], blockHits.IsEmpty ? 1 : blockHits[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(UInt128 key, long count)
    {
        if (key == UInt128.Zero)
        {
            zeroHits += count;
            return;
        }
        var slot = Slot(key, keys.Length - 1);
        ref var table = ref MemoryMarshal.GetArrayDataReference(keys);
        while (true)
        {
            ref var entry = ref Unsafe.Add(ref table, slot);
            if (entry == key)
            {
                if (hits is not null) hits[slot] += count;
                return;
            }
            if (entry == UInt128.Zero) break;
            slot = (slot + 1) & (keys.Length - 1);
        }
        keys[slot] = key;
        if (hits is not null) hits[slot] = count;
        if (++size * 4 > keys.Length * 3) Grow();
    }

    public bool Contains(UInt128 key)
    {
        if (key == UInt128.Zero) return zeroHits > 0;
        var mask = keys.Length - 1;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            if (keys[slot] == key) return true;
            if (keys[slot] == UInt128.Zero) return false;
        }
    }

    /// <summary>Patterns hit exactly once and exactly twice (the inputs of Chao1); zero for exact jobs, which keep no counts.</summary>
    public (long Once, long Twice) Frequencies()
    {
        if (hits is null) return (0, 0);
        long once = zeroHits == 1 ? 1 : 0, twice = zeroHits == 2 ? 1 : 0;
        for (var slot = 0; slot < keys.Length; slot++)
        {
            if (keys[slot] == UInt128.Zero) continue;
            if (hits[slot] == 1) once++;
            else if (hits[slot] == 2) twice++;
        }
        return (once, twice);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(UInt128 key, int mask)
    {
        // The halves read directly: UInt128's shift is a call the JIT does not always fold.
        var halves = MemoryMarshal.Cast<UInt128, ulong>(new ReadOnlySpan<UInt128>(in key));
        var (low, high) = (halves[0], halves[1]);
        return (int)(((low ^ high * 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL) >> 32) & mask;
    }

    private void Grow()
    {
        var oldKeys = keys;
        var oldHits = hits;
        keys = new UInt128[oldKeys.Length * 2];
        hits = oldHits is null ? null : new long[keys.Length];
        var mask = keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] == UInt128.Zero) continue;
            var slot = Slot(oldKeys[i], mask);
            while (keys[slot] != UInt128.Zero) slot = (slot + 1) & mask;
            keys[slot] = oldKeys[i];
            if (hits is not null) hits[slot] = oldHits![i];
        }
    }
}
