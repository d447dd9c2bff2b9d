namespace Regions.Theory.Bounds;

/// <summary>Every bound from the catalog for one architecture, applicable or not (with the reason).</summary>
public static class BoundCatalog
{
    /// <param name="inputs">n0.</param>
    /// <param name="widths">Hidden widths n1..nL.</param>
    /// <param name="rank">Maxout rank k, or null for relu units.</param>
    /// <param name="outputs">Linear output units; only the parameter counts depend on it.</param>
    /// <exception cref="InvalidRequestException">A size is not positive or is absurdly large.</exception>
    public static IReadOnlyList<BoundResult> For(int inputs, IReadOnlyList<int> widths, int? rank, int outputs = 1) =>
        For(new Architecture(inputs, widths, rank, outputs));

    public static IReadOnlyList<BoundResult> For(Architecture net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var sums = new ZaslavskyTable();
        var results = new List<BoundResult>();
        results.AddRange(ShallowBounds.For(net, sums));
        results.AddRange(RectifierUpperBounds.For(net, sums));
        results.AddRange(RectifierLowerBounds.For(net, sums));
        results.AddRange(MaxoutBounds.For(net, sums));
        results.AddRange(ParameterCounts.For(net, results.ToArray()));
        return results;
    }
}
