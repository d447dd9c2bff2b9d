using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Regions.Kernel.Numerics;

/// <summary>
/// Seeded uniforms in the open interval (0, 1), each a pure function of (seed, stream, index, axis): the same
/// value whatever thread, batch or vector width computes it, and any index reachable without the ones before it.
/// Value (index, axis) is word pair axis mod 2 of the Philox4x32-10 block with counter
/// (index low, index high, stream, axis / 2) and key (seed low, seed high), mapped by
/// <see cref="DeterministicRandom.OpenDouble"/>. <see cref="OpenUnit"/> is the specification;
/// <see cref="Fill"/> gives the same bits sixteen indices at a time where the CPU has 512-bit vectors (eight per
/// register), else eight (four per 256-bit register).
/// </summary>
public static class CounterRandom
{
    public static double OpenUnit(ulong seed, uint stream, ulong index, int axis)
    {
        var (x0, x1, x2, x3) = Philox4x32.Block((uint)index, (uint)(index >> 32), stream, (uint)(axis >> 1), (uint)seed, (uint)(seed >> 32));
        return DeterministicRandom.OpenDouble((axis & 1) == 0 ? (ulong)x1 << 32 | x0 : (ulong)x3 << 32 | x2);
    }

    /// <summary>
    /// Writes <c>even[i] = OpenUnit(seed, stream, first + i, 2 * pair)</c> and, unless <paramref name="odd"/> is
    /// empty, <c>odd[i] = OpenUnit(seed, stream, first + i, 2 * pair + 1)</c>: one block gives both axes of a pair.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ulong seed, uint stream, ulong first, int pair, Span<double> even, Span<double> odd)
    {
        var count = even.Length;
        if (odd.Length != 0 && odd.Length != count) throw new ArgumentException("the odd axis needs as many values as the even one, or none", nameof(odd));
        var i = 0;
        if (Philox4x32.Accelerated512 && count >= 16)
        {
            Span<Vector512<ulong>> keys = stackalloc Vector512<ulong>[2 * Philox4x32.Rounds];
            Philox4x32.RoundKeys((uint)seed, (uint)(seed >> 32), keys);
            var (streamWord, pairWord) = (Vector512.Create((ulong)stream), Vector512.Create((ulong)(uint)pair));
            var lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            var low = Vector512.Create(0xFFFF_FFFFUL);
            for (; i + 16 <= count; i += 16)
            {
                var first8 = Vector512.Create(first + (ulong)i) + lanes;
                var next8 = first8 + Vector512.Create(8UL);
                var (a0, a1, a2, a3) = (first8 & low, first8 >> 32, streamWord, pairWord);
                var (b0, b1, b2, b3) = (next8 & low, next8 >> 32, streamWord, pairWord);
                Philox4x32.InterleavedBlocks512(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, keys);
                OpenUnits(a1 << 32 | a0).CopyTo(even.Slice(i, 8));
                OpenUnits(b1 << 32 | b0).CopyTo(even.Slice(i + 8, 8));
                if (odd.Length != 0)
                {
                    OpenUnits(a3 << 32 | a2).CopyTo(odd.Slice(i, 8));
                    OpenUnits(b3 << 32 | b2).CopyTo(odd.Slice(i + 8, 8));
                }
            }
        }
        if (Philox4x32.Accelerated && count - i >= 4)
        {
            Span<Vector256<ulong>> keys = stackalloc Vector256<ulong>[2 * Philox4x32.Rounds];
            Philox4x32.RoundKeys((uint)seed, (uint)(seed >> 32), keys);
            var (streamWord, pairWord) = (Vector256.Create((ulong)stream), Vector256.Create((ulong)(uint)pair));
            var lanes = Vector256.Create(0UL, 1, 2, 3);
            var low = Vector256.Create(0xFFFF_FFFFUL);
            for (; i + 8 <= count; i += 8)
            {
                var first4 = Vector256.Create(first + (ulong)i) + lanes;
                var next4 = first4 + Vector256.Create(4UL);
                var (a0, a1, a2, a3) = (first4 & low, first4 >> 32, streamWord, pairWord);
                var (b0, b1, b2, b3) = (next4 & low, next4 >> 32, streamWord, pairWord);
                Philox4x32.InterleavedBlocks(ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3, keys);
                OpenUnits(a1 << 32 | a0).CopyTo(even.Slice(i, 4));
                OpenUnits(b1 << 32 | b0).CopyTo(even.Slice(i + 4, 4));
                if (odd.Length != 0)
                {
                    OpenUnits(a3 << 32 | a2).CopyTo(odd.Slice(i, 4));
                    OpenUnits(b3 << 32 | b2).CopyTo(odd.Slice(i + 4, 4));
                }
            }
            for (; i + 4 <= count; i += 4)
            {
                var index = Vector256.Create(first + (ulong)i) + lanes;
                var (c0, c1, c2, c3) = (index & low, index >> 32, streamWord, pairWord);
                Philox4x32.Blocks(ref c0, ref c1, ref c2, ref c3, keys);
                OpenUnits(c1 << 32 | c0).CopyTo(even.Slice(i, 4));
                if (odd.Length != 0) OpenUnits(c3 << 32 | c2).CopyTo(odd.Slice(i, 4));
            }
        }
        for (; i < count; i++)
        {
            even[i] = OpenUnit(seed, stream, first + (ulong)i, 2 * pair);
            if (odd.Length != 0) odd[i] = OpenUnit(seed, stream, first + (ulong)i, 2 * pair + 1);
        }
    }

    /// <summary>
    /// <see cref="DeterministicRandom.OpenDouble"/> lane by lane without an integer conversion: the top 52 bits as
    /// the mantissa of 1 + k / 2^52, minus 1 (exact), plus 2^-53 (exact: (2k + 1) / 2^53 has 53 significant bits).
    /// </summary>
    private static Vector256<double> OpenUnits(Vector256<ulong> bits) =>
        (bits >> 12 | Vector256.Create(0x3FF0_0000_0000_0000UL)).AsDouble() - Vector256.Create(1.0) + Vector256.Create(1.0 / (1UL << 53));

    private static Vector512<double> OpenUnits(Vector512<ulong> bits) =>
        (bits >> 12 | Vector512.Create(0x3FF0_0000_0000_0000UL)).AsDouble() - Vector512.Create(1.0) + Vector512.Create(1.0 / (1UL << 53));
}
