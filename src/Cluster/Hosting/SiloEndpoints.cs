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
            throw new Kernel.InvalidRequestException("advertise", $"'{advertise}' is not an IP address");
        foreach (var (port, option) in new[] { (siloPort, "port"), (gatewayPort, "gateway-port") })
        {
            // Orleans listens with the port shared, so a second silo on a taken port would start and take over
            // the first one's membership entry: refuse it here instead.
            if (port is { } fixedPort && !IsFree(fixedPort)) throw new Kernel.InvalidRequestException(option, $"{fixedPort} is in use");
        }
        return new SiloEndpoints(address!, siloPort ?? FreePort(), gatewayPort ?? FreePort());
    }

    /// <summary>Listening on every interface is needed only when the silo advertises a non-loopback address.</summary>
    public bool ListenOnAnyAddress => !IPAddress.IsLoopback(Advertise);

    /// <summary>
    /// A port that is free now, drawn at random from 20000-59999. Not the kernel's choice for port 0: two silos
    /// started at the same instant were handed the same one, and the second silo then superseded the first.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException("no free port found in 20000-59999");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
