using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regions.Grains.Sharding;

/// <summary>
/// One shard's part of a job's merged pattern set: fingerprints with their hit counts. Lean in memory: keys and
/// counts live in flat arrays (16 bytes per slot, plus 8 for sampling jobs) with open addressing and linear
/// probing, grown at three-quarters load, so a shard of 10^7 patterns is a few hundred megabytes, not the
/// gigabytes a HashSet of boxed entries would take. Fast to merge into: the set is split into
/// <see cref="Parts"/> small tables by the top bits of the hash, and a block is first sorted by part, then
/// inserted part by part, so each insertion probes a table that sits in the cache rather than in memory (one
/// large table made every insertion a cache miss: 5-7 M/s, against several times that here). The all-zero
/// fingerprint marks an empty slot, so it is kept aside.
/// </summary>
public sealed class ShardSet(bool countHits)
{
    public const int Parts = 256;

    private readonly Part[] parts = CreateParts(countHits);
    private long zeroHits;
    private UInt128[] sortedKeys = [];
    private long[] sortedHits = [];

    public long Count
    {
        get
        {
            long count = zeroHits > 0 ? 1 : 0;
            foreach (var part in parts) count += part.Size;
            return count;
        }
    }

    /// <summary>Adds a block's fingerprints; counts add up for sampling jobs.</summary>
    public void Add(ReadOnlySpan<byte> block)
    {
        var keys = FingerprintBlock.Keys(block);
        var hits = FingerprintBlock.Hits(block);
        // Counting sort of the block by part: one pass to count, one to copy keys (and counts) into part order.
        Span<int> start = stackalloc int[Parts + 1];
        foreach (var key in keys) start[PartOf(Hash(key)) + 1]++;
        for (var p = 0; p < Parts; p++) start[p + 1] += start[p];
        if (sortedKeys.Length < keys.Length) (sortedKeys, sortedHits) = (new UInt128[keys.Length], new long[keys.Length]);
        Span<int> next = stackalloc int[Parts];
        start[..Parts].CopyTo(next);
        for (var i = 0; i < keys.Length; i++)
        {
            var at = next[PartOf(Hash(keys[i]))]++;
            sortedKeys[at] = keys[i];
            sortedHits[at] = hits.IsEmpty ? 1 : hits[i];
        }
        for (var p = 0; p < Parts; p++)
        {
            ref var part = ref parts[p];
            var end = start[p + 1];
            for (var k = start[p]; k < end; k++)
            {
                // Ask for a later key's slot now, so its cache miss overlaps this insertion.
                if (k + Ahead < end) Prefetch(ref part, sortedKeys[k + Ahead]);
                if (sortedKeys[k] == UInt128.Zero) zeroHits += sortedHits[k];
                else Add(ref part, sortedKeys[k], sortedHits[k]);
            }
        }
    }

    public void Add(UInt128 key, long count)
    {
        if (key == UInt128.Zero) zeroHits += count;
        else Add(ref parts[PartOf(Hash(key))], key, count);
    }

    public bool Contains(UInt128 key)
    {
        if (key == UInt128.Zero) return zeroHits > 0;
        var hash = Hash(key);
        ref var part = ref parts[PartOf(hash)];
        var mask = part.Keys.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            if (part.Keys[slot] == key) return true;
            if (part.Keys[slot] == UInt128.Zero) return false;
        }
    }

    /// <summary>Patterns hit exactly once and exactly twice (the inputs of Chao1); zero for exact jobs, which keep no counts.</summary>
    public (long Once, long Twice) Frequencies()
    {
        if (!countHits) return (0, 0);
        long once = zeroHits == 1 ? 1 : 0, twice = zeroHits == 2 ? 1 : 0;
        foreach (var part in parts)
        {
            for (var slot = 0; slot < part.Keys.Length; slot++)
            {
                if (part.Keys[slot] == UInt128.Zero) continue;
                if (part.Hits![slot] == 1) once++;
                else if (part.Hits[slot] == 2) twice++;
            }
        }
        return (once, twice);
    }

    private struct Part
    {
        public UInt128[] Keys;
        public long[]? Hits;
        public int Size;
    }

    private const int Ahead = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref Part part, UInt128 key)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        var slot = (int)Hash(key) & (part.Keys.Length - 1);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref part.Keys[slot]));
        if (part.Hits is not null) System.Runtime.Intrinsics.X86.Sse.Prefetch0(Unsafe.AsPointer(ref part.Hits[slot]));
    }

    /// <summary>Adds a non-zero key to its part (zero marks an empty slot).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref Part part, UInt128 key, long count)
    {
        if ((part.Size + 1) * 4 > part.Keys.Length * 3) Grow(ref part);
        var mask = part.Keys.Length - 1;
        ref var table = ref MemoryMarshal.GetArrayDataReference(part.Keys);
        var slot = (int)Hash(key) & mask;
        while (true)
        {
            ref var entry = ref Unsafe.Add(ref table, slot);
            if (entry == key)
            {
                if (part.Hits is not null) part.Hits[slot] += count;
                return;
            }
            if (entry == UInt128.Zero) break;
            slot = (slot + 1) & mask;
        }
        part.Keys[slot] = key;
        if (part.Hits is not null) part.Hits[slot] = count;
        part.Size++;
    }

    /// <summary>Short patterns are their own fingerprint (small integers), so both halves are mixed; the top byte picks the part.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(UInt128 key)
    {
        // The halves read directly: UInt128's shift is a call the JIT does not always fold.
        var halves = MemoryMarshal.Cast<UInt128, ulong>(new ReadOnlySpan<UInt128>(in key));
        return (halves[0] ^ halves[1] * 0x9E3779B97F4A7C15UL) * 0xBF58476D1CE4E5B9UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PartOf(ulong hash) => (int)(hash >> 56);

    private static Part[] CreateParts(bool countHits)
    {
        var parts = new Part[Parts];
        for (var p = 0; p < Parts; p++) parts[p] = new Part { Keys = new UInt128[16], Hits = countHits ? new long[16] : null };
        return parts;
    }

    private static void Grow(ref Part part)
    {
        var oldKeys = part.Keys;
        var oldHits = part.Hits;
        part.Keys = new UInt128[oldKeys.Length * 2];
        part.Hits = oldHits is null ? null : new long[part.Keys.Length];
        var mask = part.Keys.Length - 1;
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (oldKeys[i] == UInt128.Zero) continue;
            var slot = (int)Hash(oldKeys[i]) & mask;
            while (part.Keys[slot] != UInt128.Zero) slot = (slot + 1) & mask;
            part.Keys[slot] = oldKeys[i];
            if (part.Hits is not null) part.Hits[slot] = oldHits![i];
        }
    }
}
