namespace Regions.Grains.Sharding;

/// <summary>Which pattern shard owns a fingerprint, and how many shards a job gets.</summary>
public static class ShardRouting
{
    public const int MaxShards = 256;

    /// <summary>
    /// Short patterns are their own fingerprint (small integers), so both halves are mixed; the multiplier
    /// differs from the shard table's own slot hash so a shard's keys still spread over its table.
    /// </summary>
    public static int ShardOf(UInt128 fingerprint, int shards)
    {
        // The halves read directly: UInt128's shift is a call the JIT does not always fold, and this runs per fingerprint.
        var halves = System.Runtime.InteropServices.MemoryMarshal.Cast<UInt128, ulong>(new ReadOnlySpan<UInt128>(in fingerprint));
        var (low, high) = (halves[0], halves[1]);
        var mixed = (low ^ high * 0xD6E8FEB86659FD93UL) * 0x9E3779B97F4A7C15UL;
        return (int)((mixed >> 32) % (uint)shards);
    }

    /// <summary>
    /// Four shards per silo (so a lost silo's share is rebuilt by several others), at least 4, at most
    /// <see cref="MaxShards"/>; large sampling jobs get more so no shard holds more than ~2^24 patterns.
    /// </summary>
    public static int Choose(int silos, long points)
    {
        var shards = Math.Max(4, 4 * Math.Max(1, silos));
        shards = (int)Math.Max(shards, Math.Min(MaxShards, points >> 24));
        return Math.Min(MaxShards, shards);
    }
}
