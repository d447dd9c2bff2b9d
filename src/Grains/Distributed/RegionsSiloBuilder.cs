using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Regions.Grains.Distributed;

/// <summary>What every silo needs, however it is clustered: the TestingHost, the single in-process silo and <c>regions silo</c>.</summary>
public static class RegionsSiloBuilder
{
    /// <summary>Adds the grains' services; the caller registers the <see cref="Storage.IJobStore"/>.</summary>
    public static ISiloBuilder AddRegionsGrains(this ISiloBuilder silo, int threads)
    {
        silo.Services.AddSingleton(new SiloWork(threads));
        silo.Services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        silo.Services.AddPlacementDirector<ShardSpreadPlacement, ShardSpreadPlacementDirector>();
        silo.Services.AddHostedService<OpenJobsWatcher>();
        // A cell computes for as long as it needs: a dead silo breaks its calls through membership, not a time-out.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(24));
        return silo;
    }
}
