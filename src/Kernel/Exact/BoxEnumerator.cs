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
    private readonly AffineSlice identity;
    private readonly Box? domain;

    /// <param name="domain">The job's domain: facets on its boundary have no neighbour to merge with (null: the cell is the domain).</param>
    public BoxEnumerator(Network network, Box? domain = null)
    {
        this.domain = domain;
        if (network.Inputs > ExactTolerance.MaxBoxDimension)
            throw new InvalidRequestException($"exact enumeration in a box handles up to {ExactTolerance.MaxBoxDimension} inputs (a box has 2^n corners); this network has {network.Inputs}: count on a --segment or --plane slice instead");
        this.network = network;
        identity = AffineSlice.Identity(network.Inputs);
    }

    public int Dimension => network.Inputs;

    public CellEnumeration Enumerate(Box cell, bool linearMerges, CancellationToken cancel)
    {
        var regions = new List<ExactRegion>();
        var pieces = new List<(PolytopePiece Piece, double[] Maps)>();
        var diameter = ExactRegions.Diameter(cell);
        Engine().Run(PolytopePiece.Box(cell), diameter, RootFaces, (piece, pattern, maps, centroid) =>
        {
            regions.Add(ExactRegions.Create(network, identity, pattern, maps, centroid, network.Inputs));
            if (linearMerges) pieces.Add(((PolytopePiece)piece, (double[])maps.Clone()));
        }, cancel);

        var merges = new List<LinearMerge>();
        if (linearMerges)
        {
            var bounds = domain ?? cell;
            var neighbours = new FacetNeighbours(network, identity, diameter);
            var tolerance = ExactTolerance.Relative * ExactRegions.Diameter(bounds);
            for (var r = 0; r < regions.Count; r++)
            {
                var region = regions[r];
                var (piece, maps) = pieces[r];
                foreach (var (facet, normal, last) in piece.Facets())
                {
                    if (OnBoundary(facet, bounds, tolerance)) continue;
                    neighbours.Across(facet, last + 1, normal, (other, otherMaps) =>
                    {
                        if (other != region.Fingerprint && ExactRegions.SameMaps(maps, otherMaps)) merges.Add(new LinearMerge(region.Fingerprint, other));
                    }, cancel);
                }
            }
        }
        return new CellEnumeration(regions, merges);
    }

    public void Fingerprints(Box cell, Action<UInt128> found, CancellationToken cancel) =>
        Engine().RunFingerprints(PolytopePiece.Box(cell), ExactRegions.Diameter(cell), RootFaces, found, cancel);

    private SubdivisionEngine Engine() => new(network, network.Inputs, identity.Embedding());

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
