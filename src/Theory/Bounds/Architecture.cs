namespace Regions.Theory.Bounds;

/// <summary>
/// What the bounds depend on: n0 inputs, hidden widths n1..nL, relu units (Rank null) or rank-k
/// maxout units, and the number of linear outputs (only the parameter counts use it; by Pascanu et
/// al. 2013, Lemma 2, the number of outputs does not change the maximal number of regions).
/// </summary>
public sealed class Architecture
{
    /// <summary>The largest input count, width, rank or output count a bound is asked for (beyond it, a request is a mistake).</summary>
    public const int MaxSize = 1_000_000;

    public const int MaxLayers = 10_000;

    /// <exception cref="InvalidRequestException">A size is not positive or is absurdly large.</exception>
    public Architecture(int inputs, IReadOnlyList<int> widths, int? rank = null, int outputs = 1)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (inputs < 1 || inputs > MaxSize) throw new InvalidRequestException($"inputs must be between 1 and {MaxSize}, got {inputs}");
        if (widths.Count == 0) throw new InvalidRequestException("at least one hidden layer width is needed");
        if (widths.Count > MaxLayers) throw new InvalidRequestException($"at most {MaxLayers} hidden layers, got {widths.Count}");
        foreach (var width in widths)
        {
            if (width < 1 || width > MaxSize) throw new InvalidRequestException($"widths must be between 1 and {MaxSize}, got {width}");
        }
        if (rank is { } k && (k < 2 || k > MaxSize)) throw new InvalidRequestException($"rank must be between 2 and {MaxSize}, got {k}");
        if (outputs < 1 || outputs > MaxSize) throw new InvalidRequestException($"outputs must be between 1 and {MaxSize}, got {outputs}");
        Inputs = inputs;
        Widths = widths.ToArray();
        Rank = rank;
        Outputs = outputs;
    }

    /// <summary>n0.</summary>
    public int Inputs { get; }

    /// <summary>n1..nL (index 0 is n1).</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Maxout rank k, or null for relu units.</summary>
    public int? Rank { get; }

    public int Outputs { get; }

    public bool IsMaxout => Rank is not null;

    /// <summary>L, the number of hidden layers.</summary>
    public int Depth => Widths.Count;

    /// <summary>nL, the last hidden width.</summary>
    public int LastWidth => Widths[^1];

    /// <summary>N, the total number of hidden units.</summary>
    public long TotalUnits => Widths.Sum(w => (long)w);

    /// <summary>Widths of the layers before the last one (n1..n_{L-1}): the ones that fold the input.</summary>
    public IEnumerable<int> FoldingWidths => Widths.Take(Widths.Count - 1);

    public string Describe() =>
        $"n0 = {Inputs}, widths = {string.Join(",", Widths)} ({(Rank is { } k ? $"maxout rank {k}" : "relu")})";
}
