using Regions.Drawing;
using Regions.Kernel.Geometry;
using Regions.Theory.Constructions;

namespace Regions.Silo.Api;

/// <summary>
/// Draws small views in the background when the server starts, so that a person's first pans and zooms run the
/// JIT's optimised code. The tool is compiled ahead of time (ReadyToRun) for the CLI's start-up, and precompiled
/// code is only replaced by optimised code once a method has been called often enough after the start-up's burst
/// of compiling: left to the user's own views, that took about ten of them, each two to four times slower than the
/// next (measured on a 10^4-region view of the explorer).
/// </summary>
internal static class ViewWarmUp
{
    /// <summary>Views drawn per round, and rounds, with a pause between for the tiering to catch up.</summary>
    private const int Views = 40, Rounds = 4;

    public static void Start(CancellationToken stopping)
    {
        var thread = new Thread(() => Run(stopping)) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "view warm-up" };
        thread.Start();
    }

    private static void Run(CancellationToken stopping)
    {
        // A deep net and a shallow one: the walk below the first layer and the wide first layer of the explorer's views.
        var networks = new[]
        {
            NetworkConstructions.Build("random", new ConstructionRequest(2, [16, 16, 16], null, 1)),
            NetworkConstructions.Build("shallow", new ConstructionRequest(2, [40])),
        };
        var box = Box.Cube(2, -1, 1);
        try
        {
            for (var round = 0; round < Rounds && !stopping.IsCancellationRequested; round++)
            {
                for (var i = 0; i < Views && !stopping.IsCancellationRequested; i++)
                {
                    var network = networks[i % networks.Length];
                    var regions = PlaneRegions.Enumerate(network, AffineSlice.Identity(2), box, MapPartition.Activation, RegionEndpoints.MaxVectorRegions, stopping)!;
                    ViewEncoding.Starts(regions.Regions);
                    ViewEncoding.Points(regions.Regions, regions.Box);
                    ViewEncoding.Colours(regions.Regions);
                    // What a first hover pays for: the view's neighbours.
                    PlaneNeighbours.Of(regions.Regions, regions.Box);
                }
                Thread.Sleep(200);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
