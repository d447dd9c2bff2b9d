using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Regions.Grains.Distributed;

/// <summary>
/// Places a grain on the silo whose address is its key, so a job can address "the cell runner of silo X".
/// When that silo is no longer active the placement fails and the caller hears of it at once.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SiloPinnedPlacement : PlacementStrategy;

public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var silo = SiloAddress.FromParsableString(key);
        if (Array.IndexOf(context.GetCompatibleSilos(target), silo) < 0)
            throw new OrleansException($"silo {key} is not an active member of the cluster");
        return Task.FromResult(silo);
    }
}
