using BenchmarkDotNet.Attributes;
using Regions.Benchmarks.Baselines;
using Regions.Grains.Cells;
using Regions.Kernel.Evaluation;

namespace Regions.Benchmarks;

/// <summary>
/// The per-cell hit counters on what a sampled cell feeds them: one-word patterns go to
/// <see cref="PatternWordCounter"/>, fingerprints of three-word patterns to <see cref="FingerprintCounter"/>,
/// in evaluator-sized batches, into a fresh counter per operation as in <see cref="SampleCellWork"/>.
/// The pre-merge copies in <c>Baselines/</c> are the baseline, so the Ratio column is new / old in one run.
/// On a shared machine other builds only ever add time, so read the Median and Min ratios beside the Mean's.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class CounterBenchmarks
{
    // 2^20 points per operation: a few milliseconds, long enough that the fresh table's cost is the cell's share.
    private const int Draws = 1 << 20;
    private const int Batch = SimdEvaluator.DefaultBatch;

    private ulong[] patterns = [];
    private UInt128[] fingerprints = [];

    /// <summary>1: one-word patterns (PatternWordCounter); 3: fingerprints of three-word patterns (FingerprintCounter).</summary>
    [Params(1, 3)]
    public int Words { get; set; }

    /// <summary>Regions in the cell: few (every point a repeat after warm-up) or many (tables grow to 2^18).</summary>
    [Params(1_000, 100_000)]
    public int Distinct { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12);
        // Real patterns are unit-state bit masks: a 40-unit network uses the low 40 bits of its one word.
        var pool = new ulong[Distinct * Words];
        for (var i = 0; i < pool.Length; i++) pool[i] = (ulong)random.NextInt64() & (Words == 1 ? (1UL << 40) - 1 : ulong.MaxValue);
        // Region volumes are skewed: a few regions take most points, the tail keeps bringing new ones.
        patterns = new ulong[Words == 1 ? Draws : 0];
        fingerprints = new UInt128[Words == 1 ? 0 : Draws];
        for (var i = 0; i < Draws; i++)
        {
            var u = random.NextDouble();
            var region = (int)(Distinct * u * u * u);
            if (Words == 1) patterns[i] = pool[region];
            else fingerprints[i] = Fingerprint.Of(pool.AsSpan(region * Words, Words));
        }
        Verify();
    }

    [Benchmark(Baseline = true)]
    public int Legacy()
    {
        if (Words == 1)
        {
            var words = new LegacyPatternWordCounter();
            for (var start = 0; start < Draws; start += Batch) words.IncrementAll(patterns.AsSpan(start, Batch));
            return words.Count;
        }
        var hits = new LegacyFingerprintCounter();
        for (var start = 0; start < Draws; start += Batch) hits.IncrementAll(fingerprints.AsSpan(start, Batch));
        return hits.Count;
    }

    [Benchmark]
    public int Current()
    {
        if (Words == 1)
        {
            var words = new PatternWordCounter();
            for (var start = 0; start < Draws; start += Batch) words.IncrementAll(patterns.AsSpan(start, Batch));
            return words.Count;
        }
        var hits = new FingerprintCounter();
        for (var start = 0; start < Draws; start += Batch) hits.IncrementAll(fingerprints.AsSpan(start, Batch));
        return hits.Count;
    }

    // A faster counter that counts differently is no result: old and new must agree on every count and on the
    // order ToDictionary yields them (the order reaches the shard blocks).
    private void Verify()
    {
        Dictionary<UInt128, long> legacy, current;
        if (Words == 1)
        {
            var (old, now) = (new LegacyPatternWordCounter(), new PatternWordCounter());
            old.IncrementAll(patterns);
            now.IncrementAll(patterns);
            (legacy, current) = (old.ToDictionary(), now.ToDictionary());
        }
        else
        {
            var (old, now) = (new LegacyFingerprintCounter(), new FingerprintCounter());
            old.IncrementAll(fingerprints);
            now.IncrementAll(fingerprints);
            (legacy, current) = (old.ToDictionary(), now.ToDictionary());
        }
        if (!legacy.SequenceEqual(current)) throw new InvalidOperationException("The counters disagree with their pre-merge baseline.");
    }
}
