namespace Regions.Grains.Distributed;

/// <summary>
/// One shard of a job's merged pattern set (keyed by job id and shard index): the fingerprints whose
/// <see cref="Sharding.ShardRouting.ShardOf"/> is this shard, in memory. Rebuilt from the recorded cells when
/// it is activated again after its silo died.
/// </summary>
public interface IPatternShardGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Merges one cell's block; a cell merged before changes nothing.</summary>
    Task Merge(int cell, byte[] block);

    /// <summary>The shard's size so far, for progress.</summary>
    Task<long> Size();

    /// <summary>Merges any recorded cell it missed, then reports its size and hit frequencies.</summary>
    Task<ShardSummary> Complete();

    /// <summary>For each fingerprint of the block, whether this shard holds it.</summary>
    Task<bool[]> Contains(byte[] block);

    /// <summary>The job is over: free the memory.</summary>
    Task Release();
}

[GenerateSerializer, Immutable]
public sealed record ShardSummary(long Count, long SeenOnce, long SeenTwice);

/// <summary>The linear-region step of a job (keyed by job id): joins its merge pairs without reading the whole set.</summary>
public interface ILinearMergeGrain : IGrainWithIntegerKey
{
    /// <summary>How many activation regions merge into others: linear regions = activation regions - unions.</summary>
    Task<long> Unions(int shards);
}
