using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// Lower bounds from explicit rectifier constructions: the first L-1 layers fold the input space so
/// that many input regions map onto a common neighbourhood, and the last layer cuts that
/// neighbourhood by nL hyperplanes in general position (Zaslavsky: sum_{j&lt;=n0} C(nL, j) pieces),
/// a cut that every folded copy inherits.
/// </summary>
internal static class RectifierLowerBounds
{
    /// <summary>
    /// A rank-k maxout unit with pieces (w.x + b, 0, ..., 0) computes relu(w.x + b), so each relu
    /// construction is also a maxout construction and its count stays a lower bound.
    /// </summary>
    private const string MaxoutNote = " (holds for maxout: a rank-k unit can compute relu)";

    public static IEnumerable<BoundResult> For(Architecture net, ZaslavskyTable sums)
    {
        yield return PascanuTheorem1(net, sums);
        yield return PascanuWidthTwoN0(net, sums);
        yield return MontufarTheorem5(net, sums);
        yield return MontufarEquation6(net, sums);
        yield return SerraLower(net, sums);
    }

    private static BoundInfo Info(Architecture net, string id, string name, string citation, string formula) =>
        new(id, name, net.IsMaxout ? citation + MaxoutNote : citation, formula, BoundKind.Lower);

    private static BoundResult PascanuTheorem1(Architecture net, ZaslavskyTable sums) =>
        Info(net, "pascanu2013-thm1", "Deep rectifier net, folding by groups of n0 units",
                $"{Papers.Pascanu2013}, Theorem 1",
                "prod_{i=1}^{L-1} floor(n_i/n0) * sum_{j=0}^{n0} C(n_L, j)")
            .EvaluateIf(FoldingWidthsAtLeast(net, net.Inputs, "n0"), budget => FoldedCut(net, sums, budget, exponent: 1));

    private static BoundResult PascanuWidthTwoN0(Architecture net, ZaslavskyTable sums)
    {
        var n0 = net.Inputs;
        var failed = net.Widths.All(w => w == 2L * n0)
            ? null
            : $"needs every hidden width to equal 2 n0 = {2L * n0}";
        return Info(net, "pascanu2013-width-2n0", "Deep rectifier net, every layer of width 2 n0",
                $"{Papers.Pascanu2013}, Sec. 5 (special class of width 2 n0)",
                "2^{(L-1) n0} * sum_{j=0}^{n0} C(2 n0, j)")
            .EvaluateIf(failed, budget => budget.Multiply(
                budget.PowerOfTwo((long)(net.Depth - 1) * n0),
                sums.Get(n0, 2L * n0)));
    }

    private static BoundResult MontufarTheorem5(Architecture net, ZaslavskyTable sums) =>
        Info(net, "montufar2014-thm5", "Deep rectifier net, n0 independent 1-D foldings per layer",
                $"{Papers.Montufar2014}, Theorem 5",
                "prod_{l=1}^{L-1} floor(n_l/n0)^{n0} * sum_{j=0}^{n0} C(n_L, j)")
            .EvaluateIf(FoldingWidthsAtLeast(net, net.Inputs, "n0"), budget => FoldedCut(net, sums, budget, exponent: net.Inputs));

    /// <summary>The proof's refinement: the n_l mod n0 leftover units enlarge m_l of the groups by one.</summary>
    private static BoundResult MontufarEquation6(Architecture net, ZaslavskyTable sums) =>
        Info(net, "montufar2014-eq6", "Deep rectifier net, foldings using the leftover units",
                $"{Papers.Montufar2014}, appendix, proof of Theorem 5, eq. (6)",
                "prod_{l=1}^{L-1} floor(n_l/n0)^{n0-m_l} (floor(n_l/n0)+1)^{m_l} * sum_{j=0}^{n0} C(n_L, j), m_l = n_l mod n0")
            .EvaluateIf(FoldingWidthsAtLeast(net, net.Inputs, "n0"), budget =>
            {
                var n0 = net.Inputs;
                var product = new PowerProduct();
                foreach (var width in net.FoldingWidths)
                {
                    var remainder = width % n0;
                    product.Times(width / n0, n0 - remainder).Times(width / n0 + 1, remainder);
                }
                return LastLayerCut(net, product, sums, budget);
            });

    /// <summary>
    /// In 1-D, p &gt;= 3 relu units (one of them facing left) make a zigzag of p + 1 pieces that all
    /// cover a common interval; with p = 2 no three pieces alternate in slope, hence the 3 n0 condition.
    /// The last layer is not folded, so it needs no condition.
    /// </summary>
    private static BoundResult SerraLower(Architecture net, ZaslavskyTable sums) =>
        Info(net, "serra2018-lower", "Deep rectifier net, zigzag foldings of n_l/n0 + 1 pieces",
                $"{Papers.Serra2018}, lower bound (stated for n_l >= 3 n0 for all l; only layers l < L fold, so only they need it)",
                "prod_{l=1}^{L-1} (floor(n_l/n0) + 1)^{n0} * sum_{j=0}^{n0} C(n_L, j)")
            .EvaluateIf(FoldingWidthsAtLeast(net, 3L * net.Inputs, "3 n0"), budget =>
            {
                var product = new PowerProduct();
                foreach (var width in net.FoldingWidths) product.Times(width / net.Inputs + 1, net.Inputs);
                return LastLayerCut(net, product, sums, budget);
            });

    /// <summary>prod over the folding layers of floor(n_l / n0)^exponent, times the last layer's cut of the folded input space.</summary>
    private static BigInteger FoldedCut(Architecture net, ZaslavskyTable sums, ExactBudget budget, long exponent)
    {
        var product = new PowerProduct();
        foreach (var width in net.FoldingWidths) product.Times(width / net.Inputs, exponent);
        return LastLayerCut(net, product, sums, budget);
    }

    private static BigInteger LastLayerCut(Architecture net, PowerProduct folds, ZaslavskyTable sums, ExactBudget budget) =>
        budget.Multiply(folds.Evaluate(budget), sums.Get(net.Inputs, net.LastWidth));

    private static string? FoldingWidthsAtLeast(Architecture net, long minimum, string symbol)
    {
        for (var l = 0; l < net.Depth - 1; l++)
        {
            if (net.Widths[l] < minimum)
                return $"needs n_l >= {symbol} = {minimum} for every layer but the last; layer {l + 1} has {net.Widths[l]} units";
        }
        return null;
    }
}
