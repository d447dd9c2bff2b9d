using Regions.Grains.Jobs;
using Regions.Kernel.Exact;

namespace Regions.Grains.Cells;

/// <summary>
/// The exact work item of one cell: enumerate every region that meets the cell and return their
/// fingerprints (and, for linear regions, the adjacent pairs with equal maps; for patterns, the faces' patterns too;
/// for affine maps, each region with its maps goes to the caller's <c>region</c> callback). A region crossing cells is
/// reported by each and counted once by the merge. The embedded runner and the cluster silos run it.
/// </summary>
public static class ExactCellWork
{
    public static CellPatterns Execute(CountJob job, CellGrid grid, int cellIndex, ICellEnumerator enumerator, CancellationToken cancel, Action<int, ExactRegion>? region = null)
    {
        if (job.Definition == RegionDefinition.Activation && region is null)
        {
            // Counting only: fingerprints stream into the cell's set, no region is kept.
            var set = new Dictionary<UInt128, long>();
            enumerator.Fingerprints(grid.Cell(cellIndex), fingerprint => set[fingerprint] = 1, cancel);
            return new CellPatterns(cellIndex, set, 0);
        }
        if (job.Definition == RegionDefinition.Patterns)
        {
            var patterns = new Dictionary<UInt128, long>();
            enumerator.Patterns(grid.Cell(cellIndex), fingerprint => patterns[fingerprint] = 1, cancel);
            // Only a region file needs the regions themselves: a second pass, for that option alone.
            if (region is not null)
                foreach (var r in enumerator.Enumerate(grid.Cell(cellIndex), false, cancel).Regions) region(cellIndex, r);
            return new CellPatterns(cellIndex, patterns, 0);
        }
        // Comparing maps, for merging or for telling distinct ones, needs the sizes of their terms.
        var found = enumerator.Enumerate(grid.Cell(cellIndex), job.Definition is RegionDefinition.Linear or RegionDefinition.Affine, cancel);
        var hits = new Dictionary<UInt128, long>(found.Regions.Count);
        foreach (var r in found.Regions)
        {
            hits[r.Fingerprint] = 1;
            region?.Invoke(cellIndex, r);
        }
        return new CellPatterns(cellIndex, hits, 0, job.Definition == RegionDefinition.Linear ? found.Merges : null);
    }
}
