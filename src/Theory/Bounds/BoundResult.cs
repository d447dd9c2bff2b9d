using System.Globalization;
using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// One bound (or count) from the literature, evaluated exactly for one architecture. A bound whose
/// conditions fail is still reported, with <see cref="Value"/> null and the reason, so a reader sees
/// why it is missing instead of wondering whether it was forgotten.
/// </summary>
/// <param name="Id">Stable kebab-case identifier, e.g. <c>montufar2014-thm5</c>.</param>
/// <param name="Formula">The formula in plain text, with the paper's symbols.</param>
public sealed record BoundResult(
    string Id,
    string Name,
    string Citation,
    BoundKind Kind,
    BigInteger? Value,
    string? NotApplicableReason,
    string Formula)
{
    /// <summary>Network for bounds on the asked-about network; ShallowComparator for the reference shallow net.</summary>
    public BoundSubject Subject { get; init; } = BoundSubject.Network;

    /// <summary>The exact quotient when <see cref="Kind"/> is <see cref="BoundKind.Ratio"/>; null otherwise.</summary>
    public Fraction? Ratio { get; init; }

    public bool IsApplicable => NotApplicableReason is null;

    /// <summary>The value as text: the exact integer in full, or the ratio rounded to 4 decimals.</summary>
    public string? ValueText => Ratio is { } ratio
        ? ratio.ToDecimalString(4)
        : Value?.ToString(CultureInfo.InvariantCulture);
}
