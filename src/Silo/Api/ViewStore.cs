using Regions.Drawing;
using Regions.Kernel.Model;

namespace Regions.Silo.Api;

/// <summary>
/// The views POST /regions answered lately, kept so that GET /regions/{view}/{id} can describe one region (its pattern,
/// maps, area and neighbours) on demand instead of every view carrying all of them: the page asks only for the region
/// the pointer is on. Bounded by the regions held (the oldest views go first; the newest is always kept), and held by
/// the API process, so it serves alike in front of the in-process silo and of a cluster.
/// </summary>
internal sealed class ViewStore
{
    /// <summary>Regions kept over all views: a few of the page's default budget, about 100 MB at the largest.</summary>
    public const int MaxRegionsKept = 250_000;

    private readonly LinkedList<StoredView> views = new();
    private int kept;

    public StoredView Add(Network network, PlaneRegions regions)
    {
        var view = new StoredView(Guid.NewGuid().ToString("N"), network, regions);
        lock (views)
        {
            views.AddFirst(view);
            kept += regions.Regions.Count;
            while (kept > MaxRegionsKept && views.Count > 1)
            {
                kept -= views.Last!.Value.Regions.Regions.Count;
                views.RemoveLast();
            }
        }
        return view;
    }

    public StoredView? Find(string id)
    {
        lock (views) return views.FirstOrDefault(v => v.Id == id);
    }
}

/// <summary>One view kept: its regions, and their neighbours, found once when a region is first asked for.</summary>
internal sealed class StoredView(string id, Network network, PlaneRegions regions)
{
    public string Id { get; } = id;

    public Network Network { get; } = network;

    public PlaneRegions Regions { get; } = regions;

    // Neighbours cost a sweep over every edge of the view: paid by the first hover, not by every pan and zoom.
    private readonly Lazy<int[][]> neighbours = new(() => PlaneNeighbours.Of(regions.Regions, regions.Box));

    public int[][] Neighbours => neighbours.Value;
}
