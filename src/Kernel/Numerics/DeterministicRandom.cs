namespace Regions.Kernel.Numerics;

/// <summary>
/// xoshiro256** seeded through SplitMix64: the same seed gives the same stream on every machine,
/// runtime and thread count (System.Random makes no such promise across versions).
/// </summary>
public struct DeterministicRandom
{
    private ulong s0, s1, s2, s3;

    public DeterministicRandom(ulong seed)
    {
        var sm = seed;
        s0 = SplitMix(ref sm);
        s1 = SplitMix(ref sm);
        s2 = SplitMix(ref sm);
        s3 = SplitMix(ref sm);
    }

    /// <summary>A stream for one of many independent consumers (one cell, one layer): same (seed, stream), same numbers.</summary>
    public static DeterministicRandom ForStream(ulong seed, ulong stream)
    {
        var mixed = seed;
        var first = SplitMix(ref mixed);
        return new DeterministicRandom(first ^ (stream * 0x9E3779B97F4A7C15UL) ^ ulong.RotateLeft(stream, 31));
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in the open interval (0, 1).</summary>
    public double NextOpenDouble() => OpenDouble(NextUInt64());

    /// <summary>
    /// The top 52 bits of <paramref name="bits"/> as the midpoint (k + 1/2) / 2^52, in the open interval (0, 1): with
    /// 53 bits the top midpoint 1 - 2^-54 would round to 1. Exact in double, so any path that forms (2k + 1) / 2^53
    /// gives the same bits.
    /// </summary>
    public static double OpenDouble(ulong bits) => ((bits >> 12) + 0.5) * (1.0 / (1UL << 52));

    public double NextUniform(double lower, double upper) => lower + (upper - lower) * NextDouble();

    /// <summary>Standard normal by Box-Muller (one value per call; simple and reproducible).</summary>
    public double NextGaussian()
    {
        var u1 = NextOpenDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public int NextInt(int exclusiveUpper) => (int)((NextUInt64() >> 33) % (ulong)exclusiveUpper);

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
