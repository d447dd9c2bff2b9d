using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Regions.Kernel.Numerics;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the
/// counter-based generator of Random123: a block of four 32-bit words is a pure function of a four-word counter
/// and a two-word key, so any block of a stream is computed without the ones before it. The scalar
/// <see cref="Block"/> is the specification; <see cref="Blocks"/>, <see cref="InterleavedBlocks"/> and
/// <see cref="InterleavedBlocks512"/> compute the same bits for four, eight and sixteen counters at once.
/// </summary>
public static class Philox4x32
{
    private const uint Multiplier0 = 0xD2511F53, Multiplier1 = 0xCD9E8D57;
    private const uint KeyStep0 = 0x9E3779B9, KeyStep1 = 0xBB67AE85;
    public const int Rounds = 10;

    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (var round = 0; round < Rounds; round++)
        {
            if (round > 0) (k0, k1) = (k0 + KeyStep0, k1 + KeyStep1);
            var p0 = (ulong)Multiplier0 * c0;
            var p1 = (ulong)Multiplier1 * c2;
            (c0, c1, c2, c3) = ((uint)(p1 >> 32) ^ c1 ^ k0, (uint)p1, (uint)(p0 >> 32) ^ c3 ^ k1, (uint)p0);
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>The round keys of <paramref name="k0"/>, <paramref name="k1"/>, broadcast for <see cref="Blocks"/> and <see cref="InterleavedBlocks"/>: 2 x <see cref="Rounds"/> vectors.</summary>
    public static void RoundKeys(uint k0, uint k1, Span<Vector256<ulong>> keys)
    {
        for (var round = 0; round < Rounds; round++)
        {
            keys[2 * round] = Vector256.Create((ulong)(uint)(k0 + round * KeyStep0));
            keys[2 * round + 1] = Vector256.Create((ulong)(uint)(k1 + round * KeyStep1));
        }
    }

    /// <summary>
    /// <see cref="Block"/> on four counters, one per 64-bit lane, each word zero-extended; the same words come back.
    /// Needs AVX2 (<see cref="Accelerated"/>): vpmuludq is the 32 x 32 -> 64-bit product of every round.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Blocks(ref Vector256<ulong> c0, ref Vector256<ulong> c1, ref Vector256<ulong> c2, ref Vector256<ulong> c3, ReadOnlySpan<Vector256<ulong>> keys)
    {
        var m0 = Vector256.Create((ulong)Multiplier0).AsUInt32();
        var m1 = Vector256.Create((ulong)Multiplier1).AsUInt32();
        var (x0, x1, x2, x3) = (c0, c1, c2, c3);
        for (var round = 0; round < Rounds; round++)
        {
            // vpmuludq reads only the low word of each lane, so the high words of x0 and x2 may carry the garbage
            // that the unmasked low products (x1, x3) bring in; the words are masked once, at the end.
            var p0 = Avx2.Multiply(x0.AsUInt32(), m0);
            var p1 = Avx2.Multiply(x2.AsUInt32(), m1);
            (x0, x1, x2, x3) = ((p1 >> 32) ^ x1 ^ keys[2 * round], p1, (p0 >> 32) ^ x3 ^ keys[2 * round + 1], p0);
        }
        var low = Vector256.Create(0xFFFF_FFFFUL);
        (c0, c1, c2, c3) = (x0 & low, x1 & low, x2 & low, x3 & low);
    }

    /// <summary>
    /// <see cref="Blocks"/> on two independent sets of four counters, their rounds interleaved: one set alone waits on
    /// each round's product (the rounds are a dependency chain), two keep the multiplier busy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InterleavedBlocks(ref Vector256<ulong> a0, ref Vector256<ulong> a1, ref Vector256<ulong> a2, ref Vector256<ulong> a3,
        ref Vector256<ulong> b0, ref Vector256<ulong> b1, ref Vector256<ulong> b2, ref Vector256<ulong> b3, ReadOnlySpan<Vector256<ulong>> keys)
    {
        var m0 = Vector256.Create((ulong)Multiplier0).AsUInt32();
        var m1 = Vector256.Create((ulong)Multiplier1).AsUInt32();
        var (x0, x1, x2, x3) = (a0, a1, a2, a3);
        var (y0, y1, y2, y3) = (b0, b1, b2, b3);
        for (var round = 0; round < Rounds; round++)
        {
            var (k0, k1) = (keys[2 * round], keys[2 * round + 1]);
            var p0 = Avx2.Multiply(x0.AsUInt32(), m0);
            var q0 = Avx2.Multiply(y0.AsUInt32(), m0);
            var p1 = Avx2.Multiply(x2.AsUInt32(), m1);
            var q1 = Avx2.Multiply(y2.AsUInt32(), m1);
            (x0, x1, x2, x3) = ((p1 >> 32) ^ x1 ^ k0, p1, (p0 >> 32) ^ x3 ^ k1, p0);
            (y0, y1, y2, y3) = ((q1 >> 32) ^ y1 ^ k0, q1, (q0 >> 32) ^ y3 ^ k1, q0);
        }
        var low = Vector256.Create(0xFFFF_FFFFUL);
        (a0, a1, a2, a3) = (x0 & low, x1 & low, x2 & low, x3 & low);
        (b0, b1, b2, b3) = (y0 & low, y1 & low, y2 & low, y3 & low);
    }

    public static bool Accelerated => Avx2.IsSupported;

    /// <summary>The round keys broadcast to 512-bit registers, for <see cref="InterleavedBlocks512"/>.</summary>
    public static void RoundKeys(uint k0, uint k1, Span<Vector512<ulong>> keys)
    {
        for (var round = 0; round < Rounds; round++)
        {
            keys[2 * round] = Vector512.Create((ulong)(uint)(k0 + round * KeyStep0));
            keys[2 * round + 1] = Vector512.Create((ulong)(uint)(k1 + round * KeyStep1));
        }
    }

    /// <summary>
    /// <see cref="InterleavedBlocks"/> with 512-bit registers: two sets of eight counters. Needs AVX-512
    /// (<see cref="Accelerated512"/>), whose vpmuludq takes eight products at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InterleavedBlocks512(ref Vector512<ulong> a0, ref Vector512<ulong> a1, ref Vector512<ulong> a2, ref Vector512<ulong> a3,
        ref Vector512<ulong> b0, ref Vector512<ulong> b1, ref Vector512<ulong> b2, ref Vector512<ulong> b3, ReadOnlySpan<Vector512<ulong>> keys)
    {
        var m0 = Vector512.Create((ulong)Multiplier0).AsUInt32();
        var m1 = Vector512.Create((ulong)Multiplier1).AsUInt32();
        var (x0, x1, x2, x3) = (a0, a1, a2, a3);
        var (y0, y1, y2, y3) = (b0, b1, b2, b3);
        for (var round = 0; round < Rounds; round++)
        {
            var (k0, k1) = (keys[2 * round], keys[2 * round + 1]);
            var p0 = Avx512F.Multiply(x0.AsUInt32(), m0);
            var q0 = Avx512F.Multiply(y0.AsUInt32(), m0);
            var p1 = Avx512F.Multiply(x2.AsUInt32(), m1);
            var q1 = Avx512F.Multiply(y2.AsUInt32(), m1);
            (x0, x1, x2, x3) = ((p1 >> 32) ^ x1 ^ k0, p1, (p0 >> 32) ^ x3 ^ k1, p0);
            (y0, y1, y2, y3) = ((q1 >> 32) ^ y1 ^ k0, q1, (q0 >> 32) ^ y3 ^ k1, q0);
        }
        var low = Vector512.Create(0xFFFF_FFFFUL);
        (a0, a1, a2, a3) = (x0 & low, x1 & low, x2 & low, x3 & low);
        (b0, b1, b2, b3) = (y0 & low, y1 & low, y2 & low, y3 & low);
    }

    /// <summary>
    /// Whether <see cref="InterleavedBlocks512"/> runs: AVX-512, and 512-bit vectors not turned down (as
    /// DOTNET_PreferredVectorBitWidth=256 does, where wide registers would slow the core's clock).
    /// </summary>
    public static bool Accelerated512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
}
