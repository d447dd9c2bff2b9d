using Regions.Kernel.Exact;

namespace Regions.Grains.Merging;

/// <summary>
/// Counts the distinct affine output maps of a job's activation regions, connectivity ignored (definition R6 of
/// Stargalla, Hertrich and Reichman): regions are grouped by the rule that merges adjacent regions into linear
/// regions (<see cref="OutputMapEquality"/>), applied to every pair whose first coefficients are close enough to
/// possibly agree. A region reported by several cells counts once. Thread-safe: cells report from worker threads.
/// </summary>
public sealed class DistinctAffineMaps
{
    private readonly Dictionary<UInt128, (double[] Maps, double[] Sizes)> regions = new();
    private readonly object gate = new();
    private int stride = 1;

    public void Add(ExactRegion region)
    {
        var sizes = region.MapSizes ?? throw new ArgumentException("the region was enumerated without the sizes of its maps' terms", nameof(region));
        var maps = region.FlatOutputs();
        lock (gate)
        {
            if (region.Outputs.Length > 0) stride = region.Outputs[0].Gradient.Length + 1;
            regions.TryAdd(region.Fingerprint, (maps, sizes));
        }
    }

    /// <summary>
    /// The number of distinct maps. Sorted by the first coefficient, a region is compared with the class
    /// representatives whose first coefficient lies within the undecided band of the rule's tolerance (maps farther
    /// apart there differ whatever the rest), so the work is near linear unless many maps share that coefficient.
    /// </summary>
    public long Count()
    {
        lock (gate)
        {
            var sorted = regions.Values.OrderBy(r => r.Maps.Length == 0 ? 0 : r.Maps[0]).ToList();
            var representatives = new List<(double[] Maps, double[] Sizes)>();
            // One band for all, from the largest size: the window then only moves forward.
            var band = ExactTolerance.Undecided * ExactTolerance.MapRelative * sorted.Select(r => r.Sizes.Length == 0 ? 0 : r.Sizes[0]).DefaultIfEmpty(0).Max();
            var window = 0;
            foreach (var region in sorted)
            {
                if (region.Maps.Length == 0)
                {
                    if (representatives.Count == 0) representatives.Add(region);
                    continue;
                }
                // Representatives are added in sorted order: the ones too far below this region's first coefficient leave the window for good.
                while (window < representatives.Count && region.Maps[0] - representatives[window].Maps[0] > band) window++;
                var matched = false;
                for (var i = window; i < representatives.Count && !matched; i++)
                    matched = OutputMapEquality.Same(region.Maps, region.Sizes, representatives[i].Maps, representatives[i].Sizes, stride, "two regions");
                if (!matched) representatives.Add(region);
            }
            return representatives.Count;
        }
    }
}
