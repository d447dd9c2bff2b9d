using Microsoft.Extensions.Logging;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// One shard of a job's merged set, in memory. It remembers which cells it merged, so a cell delivered twice
/// changes nothing; on activation (first use, or again after its silo died) it rebuilds from the cells
/// recorded so far, and before reporting it merges any recorded cell whose delivery it missed.
/// </summary>
[PlacedBy<ShardSpreadPlacement>]
internal sealed class PatternShardGrain(IJobStore store, ILogger<PatternShardGrain> log) : Grain, IPatternShardGrain
{
    private long job;
    private int shard;
    private ShardSet set = null!;
    private bool[] merged = [];

    public override async Task OnActivateAsync(CancellationToken cancel)
    {
        job = this.GetPrimaryKeyLong(out var extension);
        shard = int.Parse(extension!, System.Globalization.CultureInfo.InvariantCulture);
        var stored = await store.LoadAsync(job, cancel) ?? throw new InvalidOperationException($"shard {shard} of unknown job {job}");
        set = new ShardSet(countHits: !stored.Spec.IsExact);
        merged = new bool[stored.Spec.Cells];
        var recorded = await store.ShardBlocksAsync(job, shard, null, cancel);
        foreach (var (cell, block) in recorded) MergeOnce(cell, block);
        log.LogInformation("shard {Shard} of job {Job} activated here, rebuilt from {Cells} recorded cells ({Patterns} patterns)", shard, job, recorded.Count, set.Count);
    }

    public Task Merge(int cell, byte[] block)
    {
        MergeOnce(cell, block);
        return Task.CompletedTask;
    }

    public Task<long> Size() => Task.FromResult(set.Count);

    public async Task<ShardSummary> Complete()
    {
        var missing = Enumerable.Range(0, merged.Length).Where(c => !merged[c]).ToArray();
        if (missing.Length > 0)
        {
            foreach (var (cell, block) in await store.ShardBlocksAsync(job, shard, missing)) MergeOnce(cell, block);
        }
        var (once, twice) = set.Frequencies();
        return new ShardSummary(set.Count, once, twice);
    }

    public Task<bool[]> Contains(byte[] block)
    {
        var keys = FingerprintBlock.Keys(block);
        var found = new bool[keys.Length];
        for (var i = 0; i < keys.Length; i++) found[i] = set.Contains(keys[i]);
        return Task.FromResult(found);
    }

    public Task Release()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private void MergeOnce(int cell, byte[] block)
    {
        if (merged[cell]) return;
        set.Add(block);
        merged[cell] = true;
    }
}
