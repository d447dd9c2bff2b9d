using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Exact regions in a box of any input dimension: the cell is a polytope known by its vertices and their
/// tight constraints, split by each unit's hyperplane layer by layer (the double-description step of
/// <see cref="PolytopePiece"/>); no linear programming is needed because every piece carries its vertices.
/// </summary>
public sealed class BoxEnumerator : SubdivisionEnumerator
{
    private readonly Network network;

    /// <param name="domain">The job's domain: facets on its boundary have no neighbour to merge with (null: the cell is the domain).</param>
    public BoxEnumerator(Network network, Box? domain = null) : base(domain, SetupOn(network)) => this.network = network;

    /// <summary>The refusal of a box of more than <see cref="ExactTolerance.MaxBoxDimension"/> inputs, with the limit named.</summary>
    public static string TooManyInputs(int inputs) =>
        $"exact enumeration in a box handles up to {ExactTolerance.MaxBoxDimension} inputs (a box has 2^n corners); this network has {inputs}: count on a segment or a plane through the inputs instead";

    /// <summary>Refuses too many inputs before any setup is built.</summary>
    private static Func<Box, ExactSetup> SetupOn(Network network)
    {
        if (network.Inputs > ExactTolerance.MaxBoxDimension)
            throw new InvalidRequestException(TooManyInputs(network.Inputs));
        return domain => new ExactSetup(network, AffineSlice.Identity(network.Inputs), domain);
    }

    private protected override ConvexPiece Root(Box cell) => PolytopePiece.Box(cell);

    /// <summary>The box's 2n faces take constraint ids 0 to 2n - 1 (see <see cref="PolytopePiece.Box"/>); hyperplanes come after.</summary>
    private protected override int RootFaces => 2 * network.Inputs;

    private protected override IEnumerable<Facet> InnerFacets(ConvexPiece piece, Box domain, double tolerance)
    {
        foreach (var (facet, normal, last) in ((PolytopePiece)piece).Facets())
        {
            if (!OnBoundary(facet, domain, tolerance)) yield return new Facet(facet, last + 1, normal);
        }
    }

    /// <summary>Every proper face of the polytope, of every dimension, from its vertices' tight constraints (<see cref="FaceLattice"/>).</summary>
    private protected override IEnumerable<int[]> Faces(ConvexPiece piece)
    {
        var polytope = (PolytopePiece)piece;
        var tight = new int[polytope.VertexCount][];
        for (var v = 0; v < tight.Length; v++) tight[v] = polytope.Tight(v).ToArray();
        return FaceLattice.ProperFaces(tight);
    }

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
