using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regions.Kernel.Exact;

/// <summary>
/// The double-description split of a <see cref="PolytopePiece"/> whose tight sets fit in 64-bit masks, making the
/// two parts' mask tables from the parent's as it goes: a kept vertex keeps its mask, one on the hyperplane and
/// each new vertex gain the new constraint's bit, and the bits of constraints no vertex of a part is tight on any
/// more are squeezed out. So a part's table is what <see cref="PolytopePiece"/> would build from its tight sets
/// (ids sorted, one bit each, in id order), without sorting them again at every split. The vertices, tight sets
/// and their order are those of the sorted-set split.
/// </summary>
internal static class PolytopeSplit
{
    /// <summary>The new vertices of the split being made (one thread runs one split at a time).</summary>
    [ThreadStatic] private static List<double[]>? cutPoints;
    [ThreadStatic] private static List<ulong>? cutMasks;

    /// <param name="table">The piece's table, with fewer than 64 ids (room for the new constraint's bit).</param>
    public static (ConvexPiece Negative, ConvexPiece Positive) ByMask(PolytopePiece piece, (ulong[] Masks, int[] Ids) table,
        ReadOnlySpan<double> values, ReadOnlySpan<sbyte> sides, int constraint)
    {
        var (masks, ids) = table;
        var vertices = piece.VertexArrays;
        var count = vertices.Length;
        var points = cutPoints ??= [];
        var common = cutMasks ??= [];
        points.Clear();
        common.Clear();
        Span<int> above = count <= 256 ? stackalloc int[count] : new int[count];
        Span<int> below = count <= 256 ? stackalloc int[count] : new int[count];
        int positives = 0, negatives = 0;
        for (var v = 0; v < count; v++)
        {
            if (sides[v] > 0) above[positives++] = v;
            else if (sides[v] < 0) below[negatives++] = v;
        }
        // An edge lies on at least n - 1 shared constraints, and no other vertex is tight on all of them.
        var shared = piece.SpaceDimension - 1;
        foreach (var u in above[..positives])
        {
            foreach (var w in below[..negatives])
            {
                var both = masks[u] & masks[w];
                if (BitOperations.PopCount(both) < shared || !IsEdge(masks, both)) continue;
                points.Add(ConvexPiece.Crossing(vertices[u], vertices[w], values[u], values[w]));
                common.Add(both);
            }
        }
        // Both parts share the tight sets of the vertices on the hyperplane and of the new ones.
        var tight = piece.TightSets;
        // Most splits leave every vertex strictly on one side: then there is no such set to make.
        var onPlane = sides[..count].Contains((sbyte)0) ? new int[count][] : [];
        for (var v = 0; v < onPlane.Length; v++)
        {
            if (sides[v] == 0) onPlane[v] = With(tight[v], constraint);
        }
        var cutTight = new int[points.Count][];
        for (var c = 0; c < cutTight.Length; c++) cutTight[c] = TightOf(common[c], ids, constraint);
        var negative = Part(-1, piece, masks, ids, sides, constraint, onPlane, cutTight);
        var positive = Part(1, piece, masks, ids, sides, constraint, onPlane, cutTight);
        return (negative, positive);
    }

    /// <summary>The side <paramref name="sign"/> of the split: its vertices in the sorted-set split's order, and its table.</summary>
    private static PolytopePiece Part(int sign, PolytopePiece piece, ulong[] masks, int[] ids, ReadOnlySpan<sbyte> sides, int constraint,
        int[][] onPlane, int[][] cutTight)
    {
        var vertices = piece.VertexArrays;
        var tight = piece.TightSets;
        var size = cutTight.Length;
        foreach (var side in sides[..vertices.Length])
        {
            if (side == 0 || side == sign) size++;
        }
        var points = new double[size][];
        var sets = new int[size][];
        var partMasks = new ulong[size];
        var bit = 1UL << ids.Length;
        var k = 0;
        for (var v = 0; v < vertices.Length; v++)
        {
            if (sides[v] == 0) (points[k], sets[k], partMasks[k]) = (vertices[v], onPlane[v], masks[v] | bit);
            else if (sides[v] == sign) (points[k], sets[k], partMasks[k]) = (vertices[v], tight[v], masks[v]);
            else continue;
            k++;
        }
        for (var c = 0; c < cutTight.Length; c++, k++) (points[k], sets[k], partMasks[k]) = (cutPoints![c], cutTight[c], cutMasks![c] | bit);
        return PolytopePiece.WithTable(points, sets, partMasks, Squeeze(partMasks, ids, constraint));
    }

    /// <summary>
    /// The part's ids: the parent's and the new constraint, less those no vertex of the part is tight on, whose
    /// bits are squeezed out of the masks (bit order stays id order).
    /// </summary>
    private static int[] Squeeze(ulong[] masks, int[] ids, int constraint)
    {
        var used = 0UL;
        foreach (var mask in masks) used |= mask;
        var all = ids.Length + 1 == 64 ? ulong.MaxValue : (1UL << (ids.Length + 1)) - 1;
        var result = new int[BitOperations.PopCount(used)];
        var k = 0;
        for (var bits = used; bits != 0; bits &= bits - 1)
        {
            var index = BitOperations.TrailingZeroCount(bits);
            result[k++] = index < ids.Length ? ids[index] : constraint;
        }
        if (used != all)
        {
            for (var v = 0; v < masks.Length; v++) masks[v] = Extract(masks[v], used);
        }
        return result;
    }

    /// <summary>The bits of <paramref name="value"/> at the set positions of <paramref name="selector"/>, packed low (PEXT).</summary>
    private static ulong Extract(ulong value, ulong selector)
    {
        if (Bmi2.X64.IsSupported) return Bmi2.X64.ParallelBitExtract(value, selector);
        var result = 0UL;
        var k = 0;
        for (var bits = selector; bits != 0; bits &= bits - 1, k++)
        {
            if ((value & bits & (~bits + 1)) != 0) result |= 1UL << k;
        }
        return result;
    }

    /// <summary>
    /// Whether the smallest face holding both ends (the constraints they share, <paramref name="both"/>) holds no
    /// other vertex: exactly two vertices (the ends) are tight on every shared constraint. Four masks at a time.
    /// </summary>
    private static bool IsEdge(ulong[] masks, ulong both)
    {
        var holding = 0;
        var x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var shared = Vector256.Create(both);
            ref var first = ref MemoryMarshal.GetArrayDataReference(masks);
            for (; x + 4 <= masks.Length; x += 4)
            {
                var missing = Vector256.AndNot(shared, Vector256.LoadUnsafe(ref first, (nuint)x));
                holding += BitOperations.PopCount(Vector256.Equals(missing, Vector256<ulong>.Zero).ExtractMostSignificantBits());
                if (holding > 2) return false;
            }
        }
        for (; x < masks.Length; x++)
        {
            if ((both & ~masks[x]) == 0 && ++holding > 2) return false;
        }
        return true;
    }

    /// <summary>The ids of a mask's bits and the new constraint: sorted, as bit order is id order and the new id is the largest.</summary>
    private static int[] TightOf(ulong mask, int[] ids, int constraint)
    {
        var on = new int[BitOperations.PopCount(mask) + 1];
        var k = 0;
        for (var bits = mask; bits != 0; bits &= bits - 1) on[k++] = ids[BitOperations.TrailingZeroCount(bits)];
        on[k] = constraint;
        return on;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int[] With(int[] set, int id)
    {
        var result = new int[set.Length + 1];
        set.CopyTo(result, 0);
        result[^1] = id;
        return result;
    }
}
