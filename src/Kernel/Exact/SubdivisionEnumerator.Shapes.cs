using Regions.Kernel.Geometry;
using Regions.Kernel.Statistics;

namespace Regions.Kernel.Exact;

/// <summary>One region of a cell with its shape and, when asked, the regions across its facets.</summary>
public sealed record ShapedRegion(ExactRegion Region, RegionShape Shape, IReadOnlyList<UInt128> Neighbours);

public abstract partial class SubdivisionEnumerator
{
    /// <summary>
    /// The cell's regions with their shapes, for statistics and the adjacency graph. With
    /// <paramref name="neighbours"/>, each region also names every region across its facets off the domain's
    /// boundary (the same look across as linear merging, keeping every neighbour instead of equal maps only).
    /// With the domain as the only cell, every piece is a whole region.
    /// </summary>
    public IReadOnlyList<ShapedRegion> Shapes(Box cell, bool neighbours, CancellationToken cancel)
    {
        var setup = Setup(cell);
        var found = new List<(ExactRegion Region, ConvexPiece Piece)>();
        setup.Engine().Run(Root(cell), setup.Distance, RootFaces, (piece, pattern, maps, _, centroid) =>
            found.Add((Create(setup, pattern, maps, centroid, piece, null), piece)), cancel);
        var across = new FacetNeighbours(setup);
        var shaped = new List<ShapedRegion>(found.Count);
        foreach (var (region, piece) in found)
        {
            var others = new List<UInt128>();
            if (neighbours)
            {
                foreach (var facet in InnerFacets(piece, Domain ?? cell, setup.Distance))
                {
                    across.Across(facet.Piece, facet.FirstConstraint, facet.OutwardNormal, (other, _, _) =>
                    {
                        if (other != region.Fingerprint && !others.Contains(other)) others.Add(other);
                    }, cancel);
                }
            }
            shaped.Add(new ShapedRegion(region, RegionShape.Of(piece), others));
        }
        return shaped;
    }
}
