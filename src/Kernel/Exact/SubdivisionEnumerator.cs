using Regions.Kernel.Geometry;

namespace Regions.Kernel.Exact;

/// <summary>
/// What the segment, plane and box enumerators share: the cell is one root piece that the
/// <see cref="SubdivisionEngine"/> splits into regions, and for linear regions each region looks across every
/// facet off the domain's boundary for neighbours with the same output maps. A subclass says what the root
/// piece is, what a region records of its piece, and which facets a piece has.
/// </summary>
public abstract partial class SubdivisionEnumerator : ICellEnumerator
{
    private readonly Func<Box, ExactSetup> setupOn;
    private readonly ExactSetup? jobSetup;

    /// <param name="domain">The job's domain: facets on its boundary have no neighbour to merge with (null: the cell is the domain).</param>
    /// <param name="setupOn">Builds the setup on a domain; it is built once on the job's domain, or per cell without one.</param>
    private protected SubdivisionEnumerator(Box? domain, Func<Box, ExactSetup> setupOn)
    {
        Domain = domain;
        this.setupOn = setupOn;
        if (domain is not null) jobSetup = setupOn(domain);
    }

    private protected Box? Domain { get; }

    private ExactSetup Setup(Box cell) => jobSetup ?? setupOn(cell);

    /// <summary>A facet to look across; its splits take constraint ids from <see cref="FirstConstraint"/> on.</summary>
    private protected readonly record struct Facet(ConvexPiece Piece, int FirstConstraint, double[] OutwardNormal);

    private protected abstract ConvexPiece Root(Box cell);

    /// <summary>How many constraint ids the root piece's own faces take; the splits come after.</summary>
    private protected abstract int RootFaces { get; }

    /// <summary>The region found on a piece, with the piece's shape where the result carries one.</summary>
    private protected virtual ExactRegion Create(ExactSetup setup, ulong[] pattern, double[] maps, double[] centroid, ConvexPiece piece, double[]? mapSizes) =>
        setup.Create(pattern, maps, centroid, mapSizes: mapSizes);

    /// <summary>The piece's facets that are not on the boundary of <paramref name="domain"/>, always in the same order.</summary>
    private protected abstract IEnumerable<Facet> InnerFacets(ConvexPiece piece, Box domain, double tolerance);

    public CellEnumeration Enumerate(Box cell, bool linearMerges, CancellationToken cancel) =>
        Enumerate(cell, linearMerges, int.MaxValue, 1, cancel)!;

    /// <summary>
    /// The cell's regions, or null as soon as it holds more than <paramref name="maxRegions"/>: one pass that keeps at
    /// most that many, for callers that keep every region (a picture) and have something else to do with a huge cell.
    /// With <paramref name="threads"/> above one the cell is walked on that many threads at once
    /// (<see cref="SubdivisionEngine.RunInChunks"/>): the same regions, bits and order, sooner, for a caller that
    /// enumerates one cell alone (cell jobs already keep every core busy with cells of their own).
    /// </summary>
    public CellEnumeration? Enumerate(Box cell, bool linearMerges, int maxRegions, int threads, CancellationToken cancel)
    {
        var setup = Setup(cell);
        var chunks = new System.Collections.Concurrent.ConcurrentDictionary<int, List<(ExactRegion Region, ConvexPiece Piece, double[]? Maps, double[]? Sizes)>>();
        var found = 0;
        try
        {
            setup.Engine(linearMerges).RunInChunks(Root(cell), setup.Distance, RootFaces, () => setup.Engine(linearMerges), chunk =>
            {
                // A chunk holds at least its first-layer pieces' regions: room for them from the start.
                var kept = chunks[chunk] = new(SubdivisionEngine.ChunkPieces);
                return (piece, pattern, maps, sizes, centroid) =>
                {
                    if (Interlocked.Increment(ref found) > maxRegions) throw new OverBudget();
                    kept.Add(linearMerges
                        ? (Create(setup, pattern, maps, centroid, piece, setup.OriginalSizes(sizes!)), piece, (double[])maps.Clone(), (double[])sizes!.Clone())
                        : (Create(setup, pattern, maps, centroid, piece, null), piece, null, null));
                };
            }, threads, cancel);
        }
        catch (OverBudget)
        {
            return null;
        }
        var all = new List<(ExactRegion Region, ConvexPiece Piece, double[]? Maps, double[]? Sizes)>(found);
        foreach (var chunk in chunks.OrderBy(c => c.Key)) all.AddRange(chunk.Value);
        var regions = all.ConvertAll(r => r.Region);

        var merges = linearMerges ? Merges(all, cell, setup, threads, cancel) : [];
        return new CellEnumeration(regions, merges);
    }

    /// <summary>
    /// Each region looks across its facets off the domain's boundary for neighbours with the same output maps, regions
    /// spread over the threads; the merges come out in region order, and a failure is the first region's that fails,
    /// as one thread would meet it.
    /// </summary>
    private List<LinearMerge> Merges(List<(ExactRegion Region, ConvexPiece Piece, double[]? Maps, double[]? Sizes)> found, Box cell, ExactSetup setup, int threads, CancellationToken cancel)
    {
        var neighbours = new FacetNeighbours(setup);
        var merges = new List<LinearMerge>[found.Count];
        var failures = new Exception?[found.Count];
        Parallel.For(0, found.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, r =>
        {
            var (region, piece, maps, sizes) = found[r];
            var mine = merges[r] = [];
            try
            {
                foreach (var facet in InnerFacets(piece, Domain ?? cell, setup.Distance))
                {
                    neighbours.Across(facet.Piece, facet.FirstConstraint, facet.OutwardNormal, (other, otherMaps, otherSizes) =>
                    {
                        if (other != region.Fingerprint && setup.SameMaps(maps!, sizes!, otherMaps, otherSizes)) mine.Add(new LinearMerge(region.Fingerprint, other));
                    }, cancel);
                }
            }
            catch (Exception e)
            {
                failures[r] = e;
            }
        });
        foreach (var failure in failures)
        {
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        return merges.SelectMany(m => m).ToList();
    }

    public void Fingerprints(Box cell, Action<UInt128> found, CancellationToken cancel)
    {
        var setup = Setup(cell);
        setup.Engine().RunFingerprints(Root(cell), setup.Distance, RootFaces, found, cancel);
    }

    public void Patterns(Box cell, Action<UInt128> found, CancellationToken cancel)
    {
        var setup = Setup(cell);
        var faces = new FacePatterns(setup);
        setup.Engine().Run(Root(cell), setup.Distance, RootFaces, (piece, pattern, _, _, _) =>
        {
            found(Evaluation.Fingerprint.Of(pattern));
            faces.Report(pattern, piece, Faces(piece), found);
        }, cancel);
    }

    /// <summary>The piece's proper faces of every dimension, each as the indices of its vertices (a vertex alone, an edge's two ends, ...).</summary>
    private protected abstract IEnumerable<int[]> Faces(ConvexPiece piece);

    /// <summary>Leaves the engine's recursion at once when the budget is passed (nothing it holds outlives the pass).</summary>
    private sealed class OverBudget : Exception;
}
