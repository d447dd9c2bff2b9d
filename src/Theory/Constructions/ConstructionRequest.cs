namespace Regions.Theory.Constructions;

/// <summary>
/// What the caller asked for: input dimension n0, hidden widths (null when the construction implies them),
/// maxout rank (null when not given) and the seed of every random choice.
/// </summary>
public sealed record ConstructionRequest(int Inputs, IReadOnlyList<int>? Widths = null, int? Rank = null, ulong Seed = 0)
{
    /// <summary>Input dimensions beyond this are refused: no construction here can be verified that large.</summary>
    public const int MaxInputs = 100_000;

    internal void RequireValidShape(string construction)
    {
        if (Inputs < 1) throw new InvalidRequestException("inputs", $"{construction} needs at least 1, got {Inputs}");
        if (Inputs > MaxInputs) throw new InvalidRequestException("inputs", $"{Inputs} exceeds the limit of {MaxInputs} for {construction}");
        if (Widths is not null)
        {
            foreach (var w in Widths)
            {
                if (w < 1) throw new InvalidRequestException("widths", $"every width of {construction} must be at least 1, got {w}");
            }
        }
        if (Rank is { } k && k < 2) throw new InvalidRequestException("rank", $"{construction} needs at least 2, got {k}");
        // A rank the network format cannot hold would only fail later, inside the layer, as an internal error.
        if (Rank is { } r && r > Layer.MaxRank)
            throw new InvalidRequestException("rank", $"{r} exceeds the limit of {Layer.MaxRank} (the largest maxout rank of the network format)");
    }

    internal IReadOnlyList<int> RequireWidths(string construction, string shape)
    {
        if (Widths is null || Widths.Count == 0)
            throw new InvalidRequestException("widths", $"{construction} needs them ({shape})");
        return Widths;
    }

    internal void RequireNoRank(string construction)
    {
        if (Rank is not null) throw new InvalidRequestException("rank", $"{construction} is a relu construction and takes none");
    }
}
