using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Regions.Grains.Sharding;

namespace Regions.Benchmarks;

/// <summary>
/// Merging cells' fingerprint blocks into one shard: <see cref="ShardSet"/> against the obvious baseline, a
/// <c>Dictionary&lt;UInt128, long&gt;</c> fed the same blocks, in the same run (BenchmarkDotNet's Ratio column).
/// </summary>
[MemoryDiagnoser]
public class ShardSetBenchmarks
{
    private byte[][] blocks = [];

    /// <summary>Distinct fingerprints merged into the shard, in blocks of 125,000 (a cell's share of 8 shards).</summary>
    [Params(1_000_000, 4_000_000)]
    public int Fingerprints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        const int perBlock = 125_000;
        blocks = new byte[Fingerprints / perBlock][];
        for (var b = 0; b < blocks.Length; b++)
        {
            var keys = new UInt128[perBlock];
            for (var i = 0; i < perBlock; i++) keys[i] = new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            blocks[b] = FingerprintBlock.Of(keys);
        }
    }

    [Benchmark(Baseline = true)]
    public long Dictionary()
    {
        var set = new Dictionary<UInt128, long>();
        foreach (var block in blocks)
        {
            foreach (var key in FingerprintBlock.Keys(block)) CollectionsMarshal.GetValueRefOrAddDefault(set, key, out _)++;
        }
        return set.Count;
    }

    [Benchmark]
    public long ShardSet()
    {
        var set = new ShardSet(countHits: false);
        foreach (var block in blocks) set.Add(block);
        return set.Count;
    }
}
