using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Regions.Grains.Distributed;

/// <summary>
/// Spreads a job's shards evenly over the active silos: shard s of job j goes to silo (j + s) mod n in address
/// order. Activation-count placement put most of a job's shards on one silo when they all started at once (its
/// counts are reported with a delay); a silo that dies hands its shards to the remaining ones the same way.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ShardSpreadPlacement : PlacementStrategy;

public sealed class ShardSpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (silos.Length == 0) throw new OrleansException("no active silo can host a pattern shard");
        Array.Sort(silos, (a, b) => string.CompareOrdinal(a.ToParsableString(), b.ToParsableString()));
        if (!target.GrainIdentity.TryGetIntegerKey(out var job, out var extension) || !int.TryParse(extension, out var shard))
            throw new OrleansException($"{target.GrainIdentity} is not keyed by (job, shard)");
        return Task.FromResult(silos[(int)((job + shard) % silos.Length)]);
    }
}
