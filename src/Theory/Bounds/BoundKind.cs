namespace Regions.Theory.Bounds;

/// <summary>How a value relates to the maximal number of linear regions of its subject.</summary>
public enum BoundKind
{
    /// <summary>The maximum is at most this value.</summary>
    Upper,
    /// <summary>The maximum is at least this value (some parameter choice attains it).</summary>
    Lower,
    /// <summary>The maximum equals this value (an upper bound that a construction attains).</summary>
    Exact,
    /// <summary>A count that is not a region bound, such as a number of parameters.</summary>
    Count,
    /// <summary>A quotient of two exact integers (regions per parameter), shown as a rounded decimal.</summary>
    Ratio,
}

/// <summary>Which network a value speaks about.</summary>
public enum BoundSubject
{
    /// <summary>The network that was asked about.</summary>
    Network,
    /// <summary>
    /// The one-hidden-layer network with the same total number of units, the papers' point of
    /// comparison; its values are not bounds for the asked-about network.
    /// </summary>
    ShallowComparator,
}
