using System.Runtime.CompilerServices;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// A 128-bit fingerprint of a packed activation pattern.
/// <para>
/// Patterns that fit in two 64-bit words are their own fingerprint (word 0 in the low half, word 1 in the
/// high half): injective, no collision is possible. (Because no unit straddles two words, a pattern of at
/// most 128 bits can still need three words, for example 25 units of 5 bits; it is hashed.) Longer patterns are hashed by two independent 64-bit
/// multiply-fold lanes (wyhash-style 64x64-&gt;128 multiplications, each lane with its own secrets),
/// cross-mixed and finalised with the MurmurHash3 avalanche. For an ideal 128-bit hash the
/// probability that n distinct patterns contain a collision is about n^2 / 2^129: for n = 10^9 that is
/// 1.5 x 10^-21; for n = 10^12, 1.5 x 10^-15. The hash is not cryptographic: it defends against
/// accident, not against an adversary choosing weights to collide.
/// </para>
/// </summary>
public static class Fingerprint
{
    private const ulong Secret0 = 0xa0761d6478bd642f;
    private const ulong Secret1 = 0xe7037ed1a0b428db;
    private const ulong Secret2 = 0x8ebc6af09c88c6e3;
    private const ulong Secret3 = 0x589965cc75374cc3;

    /// <summary>The fingerprint of a packed pattern (all its words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt128 Of(ReadOnlySpan<ulong> pattern)
    {
        if (pattern.Length <= 2)
        {
            var high = pattern.Length > 1 ? pattern[1] : 0UL;
            return new UInt128(high, pattern[0]);
        }
        return Hash(pattern);
    }

    public static UInt128 Hash(ReadOnlySpan<ulong> words)
    {
        var a = Secret0 ^ (ulong)words.Length;
        var b = Secret2 ^ ((ulong)words.Length << 32);
        foreach (var w in words)
        {
            a = Fold(w ^ Secret1, a ^ Secret0);
            b = Fold(w ^ Secret3, b ^ Secret2);
        }
        var low = Avalanche(a ^ ulong.RotateLeft(b, 29));
        var high = Avalanche(b + ulong.RotateLeft(low, 17));
        return new UInt128(high, low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Fold(ulong x, ulong y)
    {
        var high = Math.BigMul(x, y, out var low);
        return high ^ low;
    }

    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        h ^= h >> 33;
        return h;
    }

    public static string ToHex(UInt128 fingerprint) => fingerprint.ToString("x32");
}
