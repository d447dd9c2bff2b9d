using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// Parameter counts of the network and of its shallow comparator, and regions per parameter
/// (Pascanu, Montufar, Bengio 2013, Appendix A): the measure under which depth wins exponentially.
/// </summary>
internal static class ParameterCounts
{
    private const string Citation = Papers.Pascanu2013 + ", Appendix A (parameter counts and regions per parameter)";

    /// <param name="regionBounds">The region bounds already computed; the ratios quote from them.</param>
    public static IEnumerable<BoundResult> For(Architecture net, IReadOnlyList<BoundResult> regionBounds)
    {
        var deep = Deep(net);
        var shallow = Shallow(net);
        yield return new BoundInfo("params-deep", "Parameters of this network", Citation,
            $"sum_{{l=1}}^{{L}} r (n_{{l-1}} n_l + n_l) + n_out (n_L + 1), {PieceNote(net)}", BoundKind.Count).WithValue(deep);
        yield return new BoundInfo("params-shallow", "Parameters of the shallow net with the same units", Citation,
            $"r (n0 N + N) + n_out (N + 1), {PieceNote(net)}", BoundKind.Count, BoundSubject.ShallowComparator).WithValue(shallow);
        yield return DeepRatio(regionBounds, deep);
        yield return ShallowRatio(regionBounds, shallow);
    }

    private static string PieceNote(Architecture net) =>
        $"r = {(net.Rank is { } k ? $"k = {k} (a maxout unit has k affine pieces)" : "1 (relu)")}, n_out = {net.Outputs} linear outputs";

    private static BigInteger Deep(Architecture net)
    {
        var pieces = net.Rank ?? 1;
        BigInteger total = 0;
        long previous = net.Inputs;
        foreach (var width in net.Widths)
        {
            total += (BigInteger)pieces * (previous * width + width);
            previous = width;
        }
        return total + (BigInteger)net.Outputs * (previous + 1);
    }

    private static BigInteger Shallow(Architecture net)
    {
        var units = (BigInteger)net.TotalUnits;
        return (net.Rank ?? 1) * (net.Inputs * units + units) + net.Outputs * (units + 1);
    }

    /// <summary>Uses the largest region count known to be attained: the best lower or exact value.</summary>
    private static BoundResult DeepRatio(IReadOnlyList<BoundResult> regionBounds, BigInteger parameters)
    {
        var best = regionBounds
            .Where(b => b.Subject == BoundSubject.Network && b.Value is not null && b.Kind is BoundKind.Lower or BoundKind.Exact)
            .MaxBy(b => b.Value!.Value);
        var info = new BoundInfo("regions-per-param-deep", "Regions per parameter of this network (attained)", Citation,
            best is null ? "best lower bound / params-deep" : $"{best.Id} / params-deep", BoundKind.Ratio);
        return best is null
            ? info.NotApplicable("no lower bound applies to this network")
            : info.WithRatio(new Fraction(best.Value!.Value, parameters));
    }

    private static BoundResult ShallowRatio(IReadOnlyList<BoundResult> regionBounds, BigInteger parameters)
    {
        var shallow = regionBounds.Single(b => b.Id == "shallow-zaslavsky");
        var info = new BoundInfo("regions-per-param-shallow", "Regions per parameter of the shallow net (maximum)", Citation,
            "shallow-zaslavsky / params-shallow", BoundKind.Ratio, BoundSubject.ShallowComparator);
        return shallow.Value is { } regions
            ? info.WithRatio(new Fraction(regions, parameters))
            : info.NotApplicable($"shallow-zaslavsky is not available: {shallow.NotApplicableReason}");
    }
}
