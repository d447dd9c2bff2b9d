using Regions.Grains.Cells;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Counting;

public sealed class PatternWordCounterTests
{
    [Theory]
    [InlineData(3, 100, 64)]
    [InlineData(5000, 200_000, 64)]
    [InlineData(70_000, 300_000, 1000)]
    public void Counts_one_word_patterns_under_their_fingerprints_through_every_growth(int distinct, int draws, int batch)
    {
        var random = new DeterministicRandom(21);
        var patterns = new ulong[draws];
        // Small integers (real patterns of few units), and words using the top bit.
        for (var i = 0; i < draws; i++) patterns[i] = (random.NextUInt64() % (ulong)distinct) * (i % 2 == 0 ? 1UL : 0x8000_0000_0000_0001UL);
        var counter = new PatternWordCounter();
        for (var start = 0; start < draws; start += batch) counter.IncrementAll(patterns.AsSpan(start, Math.Min(batch, draws - start)));
        var expected = patterns.GroupBy(p => Fingerprint.Of([p])).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected.Count, counter.Count);
        Assert.Equal(expected.OrderBy(e => e.Key), counter.ToDictionary().OrderBy(e => e.Key));
    }
}
