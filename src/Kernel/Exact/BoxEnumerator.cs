using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Exact regions in a box of any input dimension: the cell is a polytope known by its vertices and their
/// tight constraints, split by each unit's hyperplane layer by layer (the double-description step of
/// <see cref="PolytopePiece"/>); no linear programming is needed because every piece carries its vertices.
/// </summary>
public sealed class BoxEnumerator : ICellEnumerator
{
    private readonly Network network;
    private readonly Box? domain;
    private readonly ExactSetup? setup;

    /// <param name="domain">The job's domain: facets on its boundary have no neighbour to merge with (null: the cell is the domain).</param>
    public BoxEnumerator(Network network, Box? domain = null)
    {
        this.domain = domain;
        if (network.Inputs > ExactTolerance.MaxBoxDimension)
            throw new InvalidRequestException(TooManyInputs(network.Inputs));
        this.network = network;
        if (domain is not null) setup = new ExactSetup(network, AffineSlice.Identity(network.Inputs), domain);
    }

    /// <summary>The refusal of a box of more than <see cref="ExactTolerance.MaxBoxDimension"/> inputs, with the limit named.</summary>
    public static string TooManyInputs(int inputs) =>
        $"exact enumeration in a box handles up to {ExactTolerance.MaxBoxDimension} inputs (a box has 2^n corners); this network has {inputs}: count on a segment or a plane through the inputs instead";

    /// <summary>The job's setup, or, without a domain, the cell's own (the cell is the domain).</summary>
    private ExactSetup Setup(Box cell) => setup ?? new ExactSetup(network, AffineSlice.Identity(network.Inputs), cell);

    public CellEnumeration Enumerate(Box cell, bool linearMerges, CancellationToken cancel)
    {
        var regions = new List<ExactRegion>();
        var pieces = new List<(PolytopePiece Piece, double[] Maps, double[] Sizes)>();
        var setup = Setup(cell);
        setup.Engine(linearMerges).Run(PolytopePiece.Box(cell), setup.Distance, RootFaces, (piece, pattern, maps, sizes, centroid) =>
        {
            regions.Add(setup.Create(pattern, maps, centroid));
            if (linearMerges) pieces.Add(((PolytopePiece)piece, (double[])maps.Clone(), (double[])sizes!.Clone()));
        }, cancel);

        var merges = new List<LinearMerge>();
        if (linearMerges)
        {
            var bounds = domain ?? cell;
            var neighbours = new FacetNeighbours(setup);
            for (var r = 0; r < regions.Count; r++)
            {
                var region = regions[r];
                var (piece, maps, sizes) = pieces[r];
                foreach (var (facet, normal, last) in piece.Facets())
                {
                    if (OnBoundary(facet, bounds, setup.Distance)) continue;
                    neighbours.Across(facet, last + 1, normal, (other, otherMaps, otherSizes) =>
                    {
                        if (other != region.Fingerprint && setup.SameMaps(maps, sizes, otherMaps, otherSizes)) merges.Add(new LinearMerge(region.Fingerprint, other));
                    }, cancel);
                }
            }
        }
        return new CellEnumeration(regions, merges);
    }

    public void Fingerprints(Box cell, Action<UInt128> found, CancellationToken cancel)
    {
        var setup = Setup(cell);
        setup.Engine().RunFingerprints(PolytopePiece.Box(cell), setup.Distance, RootFaces, found, cancel);
    }

    /// <summary>The box's 2n faces take constraint ids 0 to 2n - 1 (see <see cref="PolytopePiece.Box"/>); hyperplanes come after.</summary>
    private int RootFaces => 2 * network.Inputs;

    private static bool OnBoundary(PolytopePiece facet, Box domain, double tolerance)
    {
        for (var axis = 0; axis < domain.Dimension; axis++)
        {
            foreach (var side in new[] { domain.Lower[axis], domain.Upper[axis] })
            {
                var all = true;
                for (var v = 0; v < facet.VertexCount && all; v++) all = Math.Abs(facet.Vertex(v)[axis] - side) <= tolerance;
                if (all) return true;
            }
        }
        return false;
    }
}
