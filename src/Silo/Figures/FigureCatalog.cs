using Regions.Kernel.Geometry;
using Regions.Theory.Constructions;

namespace Regions.Silo.Figures;

/// <summary>The figures <c>regions figures</c> writes, in the order of the index: the papers' constructions, then the bounds.</summary>
internal static class FigureCatalog
{
    /// <summary>
    /// The Shi and Catalan arrangements are not essential (every hyperplane x_i - x_j = s contains (1, 1, 1)), so the
    /// plane x3 = 0, transverse to that direction, meets every region; their vertices there have integer coordinates in
    /// [-2, 2], so this square holds them all with a margin.
    /// </summary>
    private static readonly Box ArrangementSquare = new([-2.5, -2.5], [2.5, 2.5]);

    public static IReadOnlyList<Figure> All { get; } =
    [
        new LayerMapFigure("pascanu-2n0", "pascanu-2n0", new ConstructionRequest(2, [4, 4, 4]), "the width-2n0 class folding the square layer by layer"),
        new LayerMapFigure("montufar", "montufar", new ConstructionRequest(2, [4, 4, 3]), "n0 independent 1-D foldings per layer (Theorem 5)"),
        new LayerMapFigure("maxout", "maxout", new ConstructionRequest(2, [2, 2], 3), "a maxout fold layer, then rank-3 pieces (Theorem 9)"),
        new LayerMapFigure("shi", "shi", new ConstructionRequest(3), "the Shi arrangement on the plane x3 = 0", ArrangementSquare),
        new LayerMapFigure("catalan", "catalan", new ConstructionRequest(3), "the Catalan arrangement on the plane x3 = 0", ArrangementSquare),
        new BoundsPlotFigure("bounds-relu", 2, 4, 10, null),
        new BoundsPlotFigure("bounds-maxout", 2, 4, 10, 3),
    ];
}
