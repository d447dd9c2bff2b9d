using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>Bounds and exact constructions for maxout networks (Montufar et al. 2014, Sec. 4 and appendix Sec. 9).</summary>
internal static class MaxoutBounds
{
    private const string MaxoutOnly = "for maxout networks only (give a rank)";

    public static IEnumerable<BoundResult> For(Architecture net, ZaslavskyTable sums)
    {
        yield return OneLayerUpper(net, sums);
        yield return OneLayerLower(net);
        yield return DeepLower(net);
        yield return Rotation(net);
        yield return Shi(net);
        yield return Catalan(net);
    }

    /// <summary>
    /// Each unit's regions are cut out by at most k^2 hyperplanes f_i = f_j, so the layer refines an
    /// arrangement of k^2 m hyperplanes; and each region has its own choice of piece per unit (k^m).
    /// </summary>
    private static BoundResult OneLayerUpper(Architecture net, ZaslavskyTable sums)
    {
        string? failed = null;
        if (net.Rank is null) failed = MaxoutOnly;
        else if (net.Depth != 1)
            failed = "bounds one maxout layer only; later layers subdivide its regions, so it does not bound a deeper net (see trivial-upper)";
        return new BoundInfo("montufar2014-prop8-upper", "One maxout layer, upper",
                $"{Papers.Montufar2014}, Proposition 8", "min{ sum_{j=0}^{n0} C(k^2 m, j), k^m }, m = n1", BoundKind.Upper)
            .EvaluateIf(failed, budget => MinOfArrangementAndPatterns(net.Inputs, net.LastWidth, net.Rank!.Value, sums, budget));
    }

    private static BigInteger MinOfArrangementAndPatterns(int n0, int m, int k, ZaslavskyTable sums, ExactBudget budget)
    {
        BigInteger? patterns = null;
        try
        {
            patterns = budget.Pow(k, m);
        }
        catch (BudgetExceededException e) when (e.Which == BudgetExceededException.Limit.Size)
        {
            // k^m is too large to write down; the minimum may still be the arrangement count.
        }
        try
        {
            var arrangement = sums.Get(n0, (long)k * k * m);
            return patterns is { } p ? BigInteger.Min(p, arrangement) : arrangement;
        }
        catch (BudgetExceededException e) when (e.Which == BudgetExceededException.Limit.Size && patterns is { } p)
        {
            // An intermediate of the sum already has more bits than the limit, so the sum exceeds k^m.
            return p;
        }
    }

    /// <summary>
    /// For a deeper net the first layer's construction still counts: later units can be made affine
    /// (all k pieces equal), and a generic affine read-out keeps the first layer's regions apart.
    /// </summary>
    private static BoundResult OneLayerLower(Architecture net) =>
        new BoundInfo("montufar2014-prop8-lower", "One maxout layer, lower (first layer of a deeper net)",
                $"{Papers.Montufar2014}, Proposition 8 (for L > 1 applied to the first layer, later layers made affine)",
                "k^{min(n0, n1)}", BoundKind.Lower)
            .EvaluateIf(net.Rank is null ? MaxoutOnly : null,
                budget => budget.Pow(net.Rank!.Value, Math.Min(net.Inputs, net.Widths[0])));

    /// <summary>
    /// True for every k when n0 &gt;= 2, for k = 2 only when n0 = 1 and L &gt; 1. The appendix's proof folds with the 2 n0
    /// unit vectors +-e_i, one per piece, which identifies k regions per layer only for k &lt;= 2 n0; two other networks
    /// reach the bound beyond that (`construct maxout`, verified by exact counts in the tests). Coordinate-wise
    /// absolute values identify 2^n0 &gt;= k regions per layer when k &lt;= 2^n0 (<see cref="Constructions.MaxoutConstruction"/>);
    /// for n0 &gt;= 2 and any k, two units max_i u_i . y and max_j u'_j . y, the u_i the k-th roots of unity in the plane
    /// of y_1, y_2 and the u'_j those rotated by pi/k, map all 2k half-sectors onto one cone, identifying 2k regions per
    /// layer (<see cref="Constructions.RotationMaxoutConstruction"/>, (2k)^{L-1} k^{n0} regions). For n0 = 1 and k &gt;= 3
    /// the bound is false: a width-1 layer is convex, so at most 2 of its pieces cover a common interval
    /// (n0 = 1, k = 3, L = 2 has at most 7 regions, not 9).
    /// </summary>
    private static BoundResult DeepLower(Architecture net)
    {
        var n0 = net.Inputs;
        string? failed = null;
        if (net.Rank is not { } k) failed = MaxoutOnly;
        else if (net.Widths.Any(w => w != n0)) failed = $"needs every hidden width to equal n0 = {n0}";
        else if (net.Depth > 1 && n0 == 1 && k >= 3)
            failed = "false for n0 = 1 and k >= 3: a width-1 maxout layer is a convex function of one variable and maps " +
                     "at most 2 of its pieces onto a common interval, so it identifies 2 regions, not k " +
                     "(e.g. n0 = 1, k = 3, L = 2 has at most 7 regions, not 9)";
        return new BoundInfo("montufar2014-thm9", "Deep maxout net, layers of width n0",
                $"{Papers.Montufar2014}, Theorem 9 (proved there for k <= 2 n0; holds for every k when n0 >= 2: " +
                "absolute values reach it for k <= 2^n0, a rotation by the k-th roots of unity for any k, see construct maxout)",
                "k^{L-1} * k^{n0}", BoundKind.Lower)
            .EvaluateIf(failed, budget => budget.Pow(net.Rank!.Value, net.Depth - 1L + n0));
    }

    /// <summary>
    /// The exact count of <see cref="Constructions.RotationMaxoutConstruction"/>: every fold layer maps its 2k
    /// half-sectors (cut by q = max_i u_i . y and q' = the same turned by pi/k, u_i the k-th roots of unity) onto one
    /// cone, and the last layer is a k^{n0} grid; no input has another pattern. Theorem 9's bound times 2^{L-1}.
    /// </summary>
    private static BoundResult Rotation(Architecture net)
    {
        var n0 = net.Inputs;
        string? failed = null;
        if (net.Rank is null) failed = MaxoutOnly;
        else if (n0 < 2) failed = "needs n0 >= 2 (it folds the plane of two inputs)";
        else if (net.Widths.Any(w => w != n0)) failed = $"needs every hidden width to equal n0 = {n0}";
        return new BoundInfo("maxout-rotation", "Deep maxout net, rotation fold of 2k half-sectors per layer (exact count)",
                $"construct maxout-rotation (this tool), after {Papers.Montufar2014}, Theorem 9",
                "(2k)^{L-1} * k^{n0}", BoundKind.Lower)
            .EvaluateIf(failed, budget => budget.Checked(budget.Pow(2L * net.Rank!.Value, net.Depth - 1L) * budget.Pow(net.Rank!.Value, n0)));
    }

    /// <summary>The unit for pair (i, j) has pieces 0, x_i - x_j, 2(x_i - x_j) - 1, cut by x_i - x_j in {0, 1}.</summary>
    private static BoundResult Shi(Architecture net) =>
        new BoundInfo("shi-arrangement", "One rank-3 maxout layer realizing the Shi arrangement (exact count of this construction)",
                $"{Papers.Montufar2014}, appendix, Example 10; {Papers.Stanley2004}, Corollary 5.1",
                "(n + 1)^{n-1}, n = n0, one layer of n(n-1)/2 units", BoundKind.Lower)
            .EvaluateIf(PairLayerCondition(net, 3), budget => budget.Pow(net.Inputs + 1, net.Inputs - 1));

    private static BoundResult Catalan(Architecture net) =>
        new BoundInfo("catalan-arrangement", "One rank-4 maxout layer realizing the Catalan arrangement (exact count of this construction)",
                $"{Papers.Montufar2014}, appendix, Example 11; {Papers.Stanley2004}, Proposition 5.15",
                "n! * C_n, C_n = C(2n, n)/(n + 1), n = n0, one layer of n(n-1)/2 units", BoundKind.Lower)
            .EvaluateIf(PairLayerCondition(net, 4), budget => budget.Checked(
                Combinatorics.Factorial(net.Inputs) * Combinatorics.Catalan(net.Inputs)));

    /// <summary>
    /// One unit per coordinate pair, with minRank parallel-cut pieces. A unit of higher rank repeats a
    /// piece, so the construction also works there (the count is then a lower bound, as always).
    /// </summary>
    private static string? PairLayerCondition(Architecture net, int minRank)
    {
        var n0 = (long)net.Inputs;
        if (net.Rank is not { } k) return MaxoutOnly;
        if (k < minRank) return $"needs rank k >= {minRank}";
        if (n0 < 2) return "needs n0 >= 2 (one unit per pair of inputs)";
        if (net.Depth != 1) return "a single hidden layer only";
        if (net.LastWidth != n0 * (n0 - 1) / 2) return $"needs exactly n0(n0-1)/2 = {n0 * (n0 - 1) / 2} units";
        return null;
    }
}
