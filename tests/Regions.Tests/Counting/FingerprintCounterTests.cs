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
}
