using Regions.Grains.Cells;

namespace Regions.Grains.Merging;

/// <summary>
/// The merged pattern set of a job: fingerprint -> sample hits over all cells. A region that crosses
/// cells is one key, so the distinct count is exact for the patterns seen whatever the cell count.
/// Merging is commutative, so the result does not depend on the order cells finish in.
/// </summary>
public sealed class PatternTally
{
    private readonly Dictionary<UInt128, long> hits = new();

    public long Distinct => hits.Count;

    public long Points { get; private set; }

    public int CellsMerged { get; private set; }

    public void Merge(CellPatterns cell)
    {
        foreach (var (fingerprint, count) in cell.Hits)
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(hits, fingerprint, out _) += count;
        Points += cell.Points;
        CellsMerged++;
    }

    /// <summary>Patterns hit exactly once (f1) and exactly twice (f2): the inputs of the Chao1 estimate.</summary>
    public (long Singletons, long Doubletons) Frequencies()
    {
        long f1 = 0, f2 = 0;
        foreach (var count in hits.Values)
        {
            if (count == 1) f1++;
            else if (count == 2) f2++;
        }
        return (f1, f2);
    }

    public IReadOnlyDictionary<UInt128, long> Hits => hits;
}
