using System.Net;
using System.Net.Sockets;

namespace Regions.Cluster.Hosting;

/// <summary>
/// Where a silo listens and what it tells the cluster. By default both ports are free ones chosen at start and
/// the silo advertises loopback, so several silos start on one machine with no options; membership records
/// the ports. A multi-machine cluster fixes them and advertises an address the other machines reach.
/// </summary>
public sealed record SiloEndpoints(IPAddress Advertise, int SiloPort, int GatewayPort)
{
    public static SiloEndpoints Choose(string? advertise, int? siloPort, int? gatewayPort)
    {
        var address = IPAddress.Loopback;
        if (advertise is not null && !IPAddress.TryParse(advertise, out address))
            throw new Kernel.InvalidRequestException($"--advertise: '{advertise}' is not an IP address");
        return new SiloEndpoints(address!, siloPort ?? FreePort(), gatewayPort ?? FreePort());
    }

    /// <summary>Listening on every interface is needed only when the silo advertises a non-loopback address.</summary>
    public bool ListenOnAnyAddress => !IPAddress.IsLoopback(Advertise);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
