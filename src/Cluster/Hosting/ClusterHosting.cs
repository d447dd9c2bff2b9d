using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Regions.Cluster.Jobs;
using Regions.Grains.Distributed;
using Regions.Grains.Storage;

namespace Regions.Cluster.Hosting;

/// <summary>
/// Orleans configured for Regions: silos and clients of one cluster find each other through the ADO.NET
/// membership tables in PostgreSQL (schema <c>orleans</c>, installed by script 003); jobs and cells live in
/// schema <c>regions</c>. The single in-process silo uses localhost clustering and keeps jobs in memory.
/// </summary>
public static class ClusterHosting
{
    public const string ClusterId = "regions";

    /// <summary>A silo of the PostgreSQL cluster.</summary>
    public static ISiloBuilder UseRegionsCluster(this ISiloBuilder silo, NpgsqlDataSource database, SiloEndpoints endpoints, int threads)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = MembershipConnectionString(database);
        });
        silo.ConfigureEndpoints(endpoints.Advertise, endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyAddress);
        Common(silo, threads);
        silo.Services.AddSingleton<IJobStore>(new PostgresJobStore(database));
        silo.Services.AddSingleton<Orleans.Runtime.IFatalErrorHandler, SiloFatalErrors>();
        // A killed silo closes its sockets at once: live silos declare it dead within seconds by probing it. After
        // a whole-cluster crash nobody is left to probe, and new silos wait until the dead ones' heartbeats in the
        // table are stale (2 x 5 s here, a minute by default) before they can join.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.NumMissedTableIAmAliveLimit = 2;
        });
        return silo;
    }

    /// <summary>The single silo of <c>regions serve</c> without a database: this process only, jobs in memory.</summary>
    public static ISiloBuilder UseRegionsInProcess(this ISiloBuilder silo, int threads)
    {
        silo.UseLocalhostClustering(SiloEndpoints.FreePort(), SiloEndpoints.FreePort(), serviceId: ClusterId, clusterId: ClusterId);
        Common(silo, threads);
        silo.Services.AddSingleton<IJobStore>(new InMemoryJobStore());
        return silo;
    }

    /// <summary>A client of the PostgreSQL cluster: any active silo is a gateway, and a dead one is replaced.</summary>
    public static IClientBuilder UseRegionsCluster(this IClientBuilder client, NpgsqlDataSource database)
    {
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = MembershipConnectionString(database);
        });
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        return client;
    }

    private static void Common(ISiloBuilder silo, int threads)
    {
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ClusterId));
        silo.AddRegionsGrains(threads);
    }

    /// <summary>The provider names its tables unqualified: it connects with the membership schema on its search path.</summary>
    private static string MembershipConnectionString(NpgsqlDataSource database) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = "orleans" }.ConnectionString;
}
