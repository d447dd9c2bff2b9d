namespace Regions.Theory.Bounds;

/// <summary>The shallow comparator of the papers and the activation-pattern ceiling.</summary>
internal static class ShallowBounds
{
    public static IEnumerable<BoundResult> For(Architecture net, ZaslavskyTable sums)
    {
        yield return SameUnitsShallow(net, sums);
        yield return ActivationPatterns(net);
    }

    /// <summary>
    /// A one-hidden-layer relu net of N units has the regions of its N hyperplanes, at most Zaslavsky's
    /// count, attained in general position; this is the deep nets' point of comparison, not a bound on them.
    /// </summary>
    private static BoundResult SameUnitsShallow(Architecture net, ZaslavskyTable sums) =>
        new BoundInfo("shallow-zaslavsky", "Shallow net with the same units (one hidden layer of N units)",
                $"{Papers.Zaslavsky1975}; {Papers.Pascanu2013}, Proposition 2; {Papers.Montufar2014}, Sec. 2.2",
                "sum_{j=0}^{n0} C(N, j), N = n_1 + ... + n_L", BoundKind.Exact, BoundSubject.ShallowComparator)
            .EvaluateIf(net.IsMaxout ? "counts relu units; for one maxout layer see montufar2014-prop8-upper" : null,
                _ => sums.Get(net.Inputs, net.TotalUnits));

    /// <summary>
    /// Fixing every unit's state (relu on/off, or which of the k maxout pieces wins) leaves a convex
    /// set on which the network is affine, so there are at most as many regions as states.
    /// </summary>
    private static BoundResult ActivationPatterns(Architecture net) =>
        new BoundInfo("trivial-upper", "Number of activation patterns",
                "folklore: one activation pattern per region",
                "2^N for relu, k^N for rank-k maxout, N = n_1 + ... + n_L", BoundKind.Upper)
            .Evaluate(budget => net.Rank is { } k ? budget.Pow(k, net.TotalUnits) : budget.PowerOfTwo(net.TotalUnits));
}
