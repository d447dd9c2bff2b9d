using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>Upper bounds for rectifier networks that account for the dimension bottleneck of narrow layers, and the exact 1-D value.</summary>
internal static class RectifierUpperBounds
{
    private const string ReluOnly = "proved for rectifier units only; this network is maxout";

    public static IEnumerable<BoundResult> For(Architecture net, ZaslavskyTable sums)
    {
        yield return Montufar2017(net, sums);
        yield return Serra2018(net);
        yield return ExactOneInput(net);
    }

    private static BoundResult Montufar2017(Architecture net, ZaslavskyTable sums) =>
        new BoundInfo("montufar2017-upper", "Deep rectifier net, per-layer arrangements in the bottleneck dimension",
                $"{Papers.Montufar2017}, upper bound",
                "prod_{l=1}^{L} sum_{j=0}^{d_l} C(n_l, j), d_l = min(n0, n_1, ..., n_l)", BoundKind.Upper)
            .EvaluateIf(net.IsMaxout ? ReluOnly : null, budget =>
            {
                // Layers with the same (d_l, n_l) share one Zaslavsky sum and one Pow.
                var counts = new Dictionary<(int D, int N), long>();
                var d = net.Inputs;
                foreach (var width in net.Widths)
                {
                    d = Math.Min(d, width);
                    counts[(d, width)] = counts.GetValueOrDefault((d, width)) + 1;
                }
                var product = new PowerProduct();
                foreach (var ((dim, width), count) in counts) product.Times(sums.Get(dim, width), count);
                return product.Evaluate(budget);
            });

    private static BoundResult Serra2018(Architecture net) =>
        new BoundInfo("serra2018-upper", "Deep rectifier net, active units limited by earlier layers",
                $"{Papers.Serra2018}, Theorem 1",
                "sum over (j_1..j_L) in J of prod_{l=1}^{L} C(n_l, j_l), J = { 0 <= j_l <= min(n0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l) }",
                BoundKind.Upper)
            .EvaluateIf(net.IsMaxout ? ReluOnly : null, budget => SerraUpperBound.Compute(net.Inputs, net.Widths, budget));

    /// <summary>
    /// Upper: restricted to one region of the layers below, layer l is affine in the scalar input, so
    /// its n_l units add at most n_l breakpoints and each region splits into at most n_l + 1 (this is
    /// also Serra's Theorem 1 at n0 = 1). Attained: a layer of p &gt;= 3 units folds a line into p + 1
    /// pieces that all map onto one interval, and the last layer cuts that interval n_L times.
    /// </summary>
    private static BoundResult ExactOneInput(Architecture net)
    {
        string? failed = null;
        if (net.IsMaxout) failed = ReluOnly;
        else if (net.Inputs != 1) failed = "known exactly only for one input (n0 = 1)";
        else if (net.FoldingWidths.Any(w => w < 3))
            failed = "needs n_l >= 3 for every layer but the last: 1 or 2 relu units cannot fold a line into n_l + 1 pieces " +
                     "that cover a common interval, so prod (n_l + 1) is only an upper bound here";
        return new BoundInfo("exact-1d", "Deep rectifier net with one input, maximum attained",
                $"{Papers.Serra2018}, Theorem 1 at n0 = 1 (upper), attained by their 1-D zigzag construction",
                "prod_{l=1}^{L} (n_l + 1)", BoundKind.Exact)
            .EvaluateIf(failed, budget =>
            {
                var product = new PowerProduct();
                foreach (var width in net.Widths) product.Times(width + 1);
                return product.Evaluate(budget);
            });
    }
}
