using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Regions.Grains.Distributed;
using Regions.Grains.Jobs;
using Regions.Grains.Storage;

namespace Regions.Tests.Distributed;

/// <summary>
/// An in-process Orleans cluster of three silos (Microsoft.Orleans.TestingHost) running the real grains, with
/// one job store shared by the silos as a database would be.
/// </summary>
public sealed class GrainCluster : IDisposable
{
    public static readonly InMemoryJobStore Store = new();

    public GrainCluster()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        Cluster.Deploy();
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task<long> Submit(CountJob job) => (await Grains.GetGrain<IJobsGrain>(0).Submit(JobSpec.From(job))).Id;

    public async Task<JobStatus> WaitUntil(long id, Func<JobStatus, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Grains.GetGrain<IJobGrain>(id).Status();
            if (status is not null && condition(status)) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"job {id}: {status}");
            await Task.Delay(50);
        }
    }

    /// <summary>The per-silo state of the cell runners, to see what each silo is computing.</summary>
    public IEnumerable<SiloWork> SiloWork() =>
        Cluster.Silos.OfType<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<SiloWork>());

    public void Dispose() => Cluster.Dispose();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddRegionsGrains(threads: 1);
            // Declare a killed silo dead within seconds, as the PostgreSQL cluster does.
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddSingleton<IJobStore>(Store);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>
{
    public const string Name = "grain cluster";
}
