using System.Runtime.CompilerServices;
using Regions.Grains.Cells;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Counting;

public sealed class FingerprintCounterTests
{
    [Theory]
    [InlineData(10, 1000)]
    [InlineData(5000, 100_000)]
    public void Counts_equal_a_dictionarys_through_every_growth(int distinct, int draws)
    {
        var random = new DeterministicRandom(9);
        var counter = new FingerprintCounter();
        var expected = new Dictionary<UInt128, long>();
        for (var i = 0; i < draws; i++)
        {
            // Keys differing only in the high half, or small integers, must not collide into wrong counts.
            var k = random.NextUInt64() % (ulong)distinct;
            var key = i % 2 == 0 ? new UInt128(k, 0) : new UInt128(0, k);
            counter.Increment(key);
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(expected.Count, counter.Count);
        Assert.Equal(expected.OrderBy(e => e.Key), counter.ToDictionary().OrderBy(e => e.Key));
    }

    [Theory]
    [InlineData(10, 1000, 7)]
    [InlineData(5000, 100_000, 4096)]
    public void A_batch_counts_like_one_key_at_a_time(int distinct, int draws, int batch)
    {
        var random = new DeterministicRandom(11);
        var keys = new UInt128[draws];
        for (var i = 0; i < draws; i++)
        {
            var k = random.NextUInt64() % (ulong)distinct;
            keys[i] = i % 3 == 0 ? new UInt128(k, 0) : i % 3 == 1 ? new UInt128(0, k) : new UInt128(k, ~k);
        }
        var single = new FingerprintCounter();
        foreach (var key in keys) single.Increment(key);
        var batched = new FingerprintCounter();
        for (var start = 0; start < draws; start += batch) batched.IncrementAll(keys.AsSpan(start, Math.Min(batch, draws - start)));
        Assert.Equal(single.Count, batched.Count);
        Assert.Equal(single.ToDictionary().OrderBy(e => e.Key), batched.ToDictionary().OrderBy(e => e.Key));
    }

    [Fact]
    public void Entries_keep_the_sizes_the_probe_loop_was_tuned_for()
    {
        // 32 bytes for a fingerprint (a power of two: the entry's address is a shift), 16 for a one-word pattern.
        Assert.Equal(32, Unsafe.SizeOf<OpenAddressingCounter<UInt128, FingerprintCounter.Rules>.Entry>());
        Assert.Equal(16, Unsafe.SizeOf<OpenAddressingCounter<ulong, PatternWordCounter.Rules>.Entry>());
    }
}
