using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regions.Grains.Sharding;

/// <summary>
/// A cell's fingerprints bound for one pattern shard, as the bytes that travel to the shard grain and into
/// PostgreSQL unchanged: an 8-byte header (count, and whether hit counts follow), the fingerprints as 16-byte
/// little-endian values, then for sampling jobs one 8-byte hit count per fingerprint. Exact jobs leave the
/// counts out (every region is one hit), a third less to ship and store.
/// </summary>
public static class FingerprintBlock
{
    private const int HeaderBytes = 8;

    public static int Count(ReadOnlySpan<byte> block) => BinaryPrimitives.ReadInt32LittleEndian(block);

    public static bool HasHits(ReadOnlySpan<byte> block) => BinaryPrimitives.ReadInt32LittleEndian(block[4..]) != 0;

    public static ReadOnlySpan<UInt128> Keys(ReadOnlySpan<byte> block) =>
        MemoryMarshal.Cast<byte, UInt128>(block.Slice(HeaderBytes, Count(block) * 16));

    /// <summary>The hit counts, or an empty span when every fingerprint counts once.</summary>
    public static ReadOnlySpan<long> Hits(ReadOnlySpan<byte> block) =>
        HasHits(block) ? MemoryMarshal.Cast<byte, long>(block.Slice(HeaderBytes + Count(block) * 16, Count(block) * 8)) : [];

    /// <summary>Splits a cell's fingerprints by shard: one block per shard, empty ones included.</summary>
    public static byte[][] Partition(IReadOnlyDictionary<UInt128, long> hits, int shards, bool withHits)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("fingerprint blocks are little-endian");
        var counts = new int[shards];
        foreach (var key in hits.Keys) counts[ShardRouting.ShardOf(key, shards)]++;
        var blocks = new byte[shards][];
        for (var s = 0; s < shards; s++)
        {
            blocks[s] = new byte[HeaderBytes + counts[s] * (withHits ? 24 : 16)];
            BinaryPrimitives.WriteInt32LittleEndian(blocks[s], counts[s]);
            BinaryPrimitives.WriteInt32LittleEndian(blocks[s].AsSpan(4), withHits ? 1 : 0);
        }
        var filled = new int[shards];
        foreach (var (key, count) in hits)
        {
            var s = ShardRouting.ShardOf(key, shards);
            var i = filled[s]++;
            Unsafe.WriteUnaligned(ref blocks[s][HeaderBytes + i * 16], key);
            if (withHits) Unsafe.WriteUnaligned(ref blocks[s][HeaderBytes + counts[s] * 16 + i * 8], count);
        }
        return blocks;
    }

    /// <summary>One block from keys (and hit counts, or none when every key counts once).</summary>
    public static byte[] Of(ReadOnlySpan<UInt128> keys, ReadOnlySpan<long> hits = default)
    {
        var withHits = !hits.IsEmpty;
        var block = new byte[HeaderBytes + keys.Length * (withHits ? 24 : 16)];
        BinaryPrimitives.WriteInt32LittleEndian(block, keys.Length);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(4), withHits ? 1 : 0);
        keys.CopyTo(MemoryMarshal.Cast<byte, UInt128>(block.AsSpan(HeaderBytes)));
        if (withHits) hits.CopyTo(MemoryMarshal.Cast<byte, long>(block.AsSpan(HeaderBytes + keys.Length * 16)));
        return block;
    }
}
