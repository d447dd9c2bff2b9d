using System.Runtime.CompilerServices;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Exact;

/// <summary>
/// A unit's output on a piece as a row over P, from its pre-activation row and its state there, and the squared sizes
/// of that row's terms: the one rule the engine's walk and the face patterns of a region both compose rows by.
/// </summary>
internal static class PieceRows
{
    /// <summary>
    /// target = slope * row + offset for the unit's piece in <paramref name="state"/>: the row itself, the constant
    /// alone, or the row scaled. Every entry of the target is written (no clearing first: it dominated the profile).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(UnitKind kind, int state, double unitSlope, ReadOnlySpan<double> row, Span<double> target)
    {
        var d = target.Length - 1;
        var (slope, offset) = kind.Piece(state, unitSlope);
        if (kind.IsConstant(state))
        {
            target[..d].Clear();
            target[d] = offset;
        }
        else if (slope == 1 && offset == 0) row.CopyTo(target);
        else
        {
            for (var c = 0; c <= d; c++) target[c] = slope * row[c];
            if (offset != 0) target[d] += offset;
        }
    }

    /// <summary>The squared sizes of <see cref="Write"/>'s terms: slope^2 times the row's; a constant piece is exact, its size the constant's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteSizes(UnitKind kind, int state, double unitSlope, ReadOnlySpan<double> sizes, Span<double> target)
    {
        var d = target.Length - 1;
        var (factor, offset) = kind.Piece(state, unitSlope);
        for (var c = 0; c <= d; c++) target[c] = factor * factor * sizes[c];
        if (kind.IsConstant(state) && offset != 0) target[d] = offset * offset;
    }
}
