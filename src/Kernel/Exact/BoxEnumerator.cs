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

    public BoxEnumerator(Network network)
    {
        if (network.Inputs > ExactTolerance.MaxBoxDimension)
            throw new InvalidRequestException($"exact enumeration in a box handles up to {ExactTolerance.MaxBoxDimension} inputs (a box has 2^n corners); this network has {network.Inputs}: count on a --segment or --plane slice instead");
        this.network = network;
        identity = AffineSlice.Identity(network.Inputs);
    }

    public int Dimension => network.Inputs;

    public CellEnumeration Enumerate(Box cell, bool linearMerges, CancellationToken cancel)
    {
        if (linearMerges)
            throw new InvalidRequestException("--definition linear is exact on 1-D and 2-D domains (segments, planes, networks with one or two inputs); for more inputs count activation regions, or linear regions on a --plane slice");
        var regions = new List<ExactRegion>();
        var engine = new SubdivisionEngine(network, network.Inputs, identity.Embedding());
        engine.Run(PolytopePiece.Box(cell), ExactRegions.Diameter(cell), 2 * network.Inputs, (_, pattern, maps, centroid) =>
            regions.Add(ExactRegions.Create(network, identity, pattern, maps, centroid, network.Inputs)), cancel);
        return new CellEnumeration(regions, []);
    }
}
