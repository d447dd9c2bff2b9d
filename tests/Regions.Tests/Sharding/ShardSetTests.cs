using Regions.Grains.Sharding;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Sharding;

public class ShardSetTests
{
    /// <summary>Keys that repeat, the zero key, small integers (short patterns are their own fingerprint) and random ones.</summary>
    private static (UInt128[] Keys, long[] Hits) Keys(ulong seed, int count)
    {
        var random = new DeterministicRandom(seed);
        var keys = new UInt128[count];
        var hits = new long[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = (i % 4) switch
            {
                0 => (UInt128)(random.NextUInt64() % 5000),
                1 => new UInt128(random.NextUInt64(), random.NextUInt64()),
                2 => UInt128.Zero,
                _ => keys[(int)(random.NextUInt64() % (ulong)Math.Max(1, i))],
            };
            hits[i] = 1 + (long)(random.NextUInt64() % 3);
        }
        return (keys, hits);
    }

    [Theory]
    [InlineData(1UL, 10)]
    [InlineData(2UL, 5_000)]
    [InlineData(3UL, 300_000)]
    public void Equals_a_dictionary_through_growth_for_counts_membership_and_frequencies(ulong seed, int count)
    {
        var (keys, hits) = Keys(seed, count);
        var reference = new Dictionary<UInt128, long>();
        var set = new ShardSet(countHits: true);
        // Blocks of uneven sizes, as cells deliver them.
        for (var start = 0; start < count; start += 777)
        {
            var length = Math.Min(777, count - start);
            var block = new Dictionary<UInt128, long>();
            for (var i = start; i < start + length; i++)
            {
                block[keys[i]] = block.GetValueOrDefault(keys[i]) + hits[i];
                reference[keys[i]] = reference.GetValueOrDefault(keys[i]) + hits[i];
            }
            set.Add(FingerprintBlock.Of([.. block.Keys], [.. block.Values]));
        }
        Assert.Equal(reference.Count, set.Count);
        Assert.All(reference.Keys, k => Assert.True(set.Contains(k)));
        Assert.False(set.Contains(new UInt128(0xDEAD, 0xBEEF)));
        Assert.Equal((reference.Values.Count(v => v == 1), reference.Values.Count(v => v == 2)), set.Frequencies());
    }

    [Fact]
    public void An_exact_set_counts_each_key_once_and_keeps_no_frequencies()
    {
        var set = new ShardSet(countHits: false);
        set.Add(FingerprintBlock.Of([(UInt128)5, 0, 9]));
        set.Add(FingerprintBlock.Of([(UInt128)9, 0, 11]));
        Assert.Equal(4, set.Count);
        Assert.Equal((0L, 0L), set.Frequencies());
        Assert.True(set.Contains(UInt128.Zero));
    }
}

public class FingerprintBlockTests
{
    [Fact]
    public void Partition_sends_every_fingerprint_to_its_shard_with_its_hits()
    {
        var random = new DeterministicRandom(7);
        var hits = new Dictionary<UInt128, long>();
        for (var i = 0; i < 10_000; i++) hits[new UInt128(random.NextUInt64() % 3, random.NextUInt64())] = 1 + i % 5;
        const int shards = 12;
        var blocks = FingerprintBlock.Partition(hits, shards, withHits: true);
        Assert.Equal(shards, blocks.Length);
        var seen = new Dictionary<UInt128, long>();
        for (var s = 0; s < shards; s++)
        {
            var keys = FingerprintBlock.Keys(blocks[s]).ToArray();
            var counts = FingerprintBlock.Hits(blocks[s]).ToArray();
            Assert.Equal(keys.Length, FingerprintBlock.Count(blocks[s]));
            for (var i = 0; i < keys.Length; i++)
            {
                Assert.Equal(s, ShardRouting.ShardOf(keys[i], shards));
                seen.Add(keys[i], counts[i]);
            }
            Assert.InRange(keys.Length, 10_000 / shards / 2, 10_000 / shards * 2);
        }
        Assert.Equal(hits, seen);

        var exact = FingerprintBlock.Partition(hits, shards, withHits: false);
        Assert.All(exact, b => Assert.False(FingerprintBlock.HasHits(b)));
        Assert.All(exact, b => Assert.Equal(0, FingerprintBlock.Hits(b).Length));
        Assert.Equal(hits.Count, exact.Sum(b => FingerprintBlock.Count(b)));
    }

    [Theory]
    [InlineData(1, 1_000, 4)]
    [InlineData(3, 1_000, 12)]
    [InlineData(3, 1L << 34, 1024)]
    [InlineData(100, 0, 256)]
    public void Jobs_get_four_shards_per_silo_and_more_for_large_sampling_jobs(int silos, long points, int expected) =>
        Assert.Equal(Math.Min(expected, ShardRouting.MaxShards), ShardRouting.Choose(silos, points));
}
