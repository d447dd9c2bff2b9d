using System.Globalization;
using Regions.Grains.Merging;
using Regions.Grains.Sharding;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// Joins a linear-region job's merge pairs: reads only the pairs (not the merged set), asks each shard which
/// endpoints it holds (a pair naming a pattern no cell found, a sliver below the tolerance, is ignored as in
/// the embedded runner) and counts the unions that join two different components.
/// </summary>
internal sealed class LinearMergeGrain(IJobStore store) : Grain, ILinearMergeGrain
{
    public async Task<long> Unions(int shards)
    {
        var job = this.GetPrimaryKeyLong();
        var pairs = new List<(UInt128 A, UInt128 B)>();
        var endpoints = new HashSet<UInt128>();
        foreach (var block in await store.MergeBlocksAsync(job))
        {
            var keys = FingerprintBlock.Keys(block);
            for (var i = 0; i + 1 < keys.Length; i += 2)
            {
                pairs.Add((keys[i], keys[i + 1]));
                endpoints.Add(keys[i]);
                endpoints.Add(keys[i + 1]);
            }
        }
        var present = new HashSet<UInt128>();
        var asks = endpoints.GroupBy(e => ShardRouting.ShardOf(e, shards)).Select(async group =>
        {
            var keys = group.ToArray();
            var found = await GrainFactory.GetGrain<IPatternShardGrain>(job, group.Key.ToString(CultureInfo.InvariantCulture)).Contains(FingerprintBlock.Of(keys));
            return keys.Where((_, i) => found[i]).ToArray();
        });
        foreach (var keys in await Task.WhenAll(asks)) present.UnionWith(keys);

        var components = new FingerprintUnionFind();
        foreach (var (a, b) in pairs)
        {
            if (present.Contains(a) && present.Contains(b)) components.Union(a, b);
        }
        return components.Regions - components.Components;
    }
}
