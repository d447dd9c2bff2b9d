using System.Numerics;
using Regions.Kernel.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>
/// An explicit deep maxout network in the spirit of Montufar et al. (2014), Theorem 9: L maxout layers of width n0,
/// rank k, on [0,1]^n0. Each of the first L-1 layers folds every coordinate with one unit
/// max(2y-1, 1-2y, -1, ..., -1) = |2y-1| (the k-2 constant rows -1 never win, since |2y-1| &gt;= 0), identifying
/// 2^n0 cells per layer. Unit i of the last layer is a convex piecewise-linear function of y_i with k pieces,
/// breakpoints j/k and nonzero slopes, so each copy of the cube holds k^n0 regions.
/// <para>
/// Built for every k &lt;= 2^n0, and for n0 = 1 every k, with an exact count of its own, 2^{n0 (L-1)} k^{n0}. That is at
/// least Theorem 9's k^{L-1} k^{n0} exactly when k &lt;= 2^n0 (each fold layer identifies 2^n0 &gt;= k cells), which is
/// recorded in meta. For n0 &gt;= 2 and k &gt; 2^n0 the request is built by <see cref="RotationMaxoutConstruction"/>
/// instead, which reaches the theorem for every k. For n0 = 1 and k &gt;= 3 the bound is false, since a width-1 maxout
/// layer computes a convex function of one variable and identifies at most 2 regions.
/// </para>
/// </summary>
internal static class MaxoutConstruction
{
    public const string Name = "maxout";

    public static Network Build(ConstructionRequest request)
    {
        request.RequireValidShape(Name);
        var n0 = request.Inputs;
        var widths = request.RequireWidths(Name, $"L maxout layers, each of width n0 = {n0}");
        if (widths.Any(w => w != n0))
            throw new InvalidRequestException($"{Name} needs every hidden layer to have width n0 = {n0}; got {string.Join(",", widths)}");
        if (request.Rank is not { } k) throw new InvalidRequestException("rank", $"{Name} needs a rank K >= 2");
        // Beyond 2^n0 pieces the absolute values identify fewer than k regions per layer and miss Theorem 9; the
        // rotation by k-th roots of unity reaches it there (n0 >= 2). For n0 = 1 no network reaches it (k >= 3).
        if (n0 >= 2 && (long)k > 1L << Math.Min(n0, 62)) return RotationMaxoutConstruction.Build(request, Name);
        var depth = widths.Count;
        var pieces = BigInteger.Pow(2, depth - 1);
        ConstructionLimits.RequireFoldPieces(Name, [pieces]);
        ConstructionLimits.RequireParameters(Name, n0, widths, k);
        var foldError = ConstructionLimits.FoldError(Enumerable.Repeat(2, depth - 1));
        if (ConstructionLimits.ResolutionFactor * foldError > 1.0 / k)
            throw new InvalidRequestException($"{Name}: the folds amplify rounding to about {foldError:G2}, too coarse for last-layer pieces 1/{k} wide; use fewer layers or a smaller rank");

        var domain = Box.Cube(n0, 0, 1);
        var layers = new List<Layer>();
        var readout = CoordinateReadout.Identity(n0);
        for (var l = 0; l < depth - 1; l++) layers.Add(LayerAssembly.Build(Activation.Maxout, readout, FoldRows(n0, k), k));
        layers.Add(LayerAssembly.Build(Activation.Maxout, readout, ConvexRows(n0, k), k));
        var random = DeterministicRandom.ForStream(request.Seed, 4);
        // Any nonzero weights keep the slopes (and so the gradients) nonzero; random magnitudes and signs keep the maps generic.
        var output = Enumerable.Range(0, n0).Select(_ => (1 + random.NextDouble()) * (random.NextDouble() < 0.5 ? -1 : 1)).ToArray();
        layers.Add(LayerAssembly.Output(output));

        var regions = BigInteger.Pow(pieces, n0) * BigInteger.Pow(k, n0);
        var theoremBound = BigInteger.Pow(k, depth - 1 + n0);
        // 2^n0 >= k cells per fold layer; for n0 = 1 that is k = 2 only, and the bound is false beyond.
        var theoremApplies = depth == 1 || (long)k <= 1L << Math.Min(n0, 62);
        var meta = new ConstructionMeta
        {
            Construction = Name,
            Formula = "2^{n0 (L-1)} * k^{n0} (this construction); Theorem 9 states k^{L-1} * k^{n0}",
            Citation = "Montufar, Pascanu, Cho, Bengio (2014), 'On the number of linear regions of deep neural networks', Theorem 9 and its proof in the appendix",
            ActivationRegions = regions,
            LinearRegions = regions,
            LinearRegionsNote = "equal to the activation regions: every last-layer slope and output weight is nonzero, so crossing a breakpoint changes the gradient "
                + "and the copies of a region on either side of a fold have different affine maps",
            Domain = domain,
            Seed = request.Seed,
            Details =
            {
                ["foldPiecesPerAxis"] = ConstructionMeta.Integers(Enumerable.Repeat((long)pieces, n0)),
                ["theorem9Bound"] = ConstructionMeta.Count(theoremBound),
                ["theorem9Applies"] = theoremApplies,
                ["theorem9Note"] = depth == 1
                    ? "one layer: the last layer's k^n0 grid is the bound itself"
                    : theoremApplies
                    ? $"this construction identifies 2^n0 = {BigInteger.Pow(2, n0)} cells per fold layer, at least the theorem's k = {k}, so its count is at least the bound"
                    : "the bound does not hold here: for n0 = 1 a maxout layer computes a convex function of one variable, which identifies at most 2 regions, not k",
            },
        };
        return new Network(n0, layers, $"{Name}-{n0}x{depth}-rank{k}", meta.ToJson());
    }

    /// <summary>Unit i: 2y_i - 1, 1 - 2y_i, then k-2 rows that are the constant -1.</summary>
    private static AffineRow[] FoldRows(int n0, int k) => Enumerable.Range(0, n0)
        .SelectMany(i => new[]
            {
                new AffineRow(LayerAssembly.UnitVector(n0, i, 2), -1),
                new AffineRow(LayerAssembly.UnitVector(n0, i, -2), 1),
            }
            .Concat(Enumerable.Range(0, k - 2).Select(_ => new AffineRow(new double[n0], -1))))
        .ToArray();

    /// <summary>
    /// Unit i: rows a_j y_i + c_j with increasing slopes a_j = j - (k-1)/2 + 1/4 (never zero) and intercepts that put
    /// the breakpoint between rows j-1 and j at j/k, so row j wins exactly on (j/k, (j+1)/k).
    /// </summary>
    private static AffineRow[] ConvexRows(int n0, int k)
    {
        var rows = new List<AffineRow>();
        for (var i = 0; i < n0; i++)
        {
            var intercept = 0.0;
            for (var j = 0; j < k; j++)
            {
                var slope = j - (k - 1) / 2.0 + 0.25;
                // Slopes rise by 1 per row: continuity at j/k gives c_j = c_{j-1} - j/k.
                if (j > 0) intercept -= (double)j / k;
                rows.Add(new AffineRow(LayerAssembly.UnitVector(n0, i, slope), intercept));
            }
        }
        return rows.ToArray();
    }
}
