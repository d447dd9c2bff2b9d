using Regions.Kernel.Numerics;

namespace Regions.Tests.Kernels;

/// <summary>
/// The counter-based generator behind the random sampler: Philox4x32-10 against the published answers, the
/// vector fill against the scalar specification bit for bit, and the uniforms' open interval and moments.
/// In the Kernels namespace so that CI reruns it with hardware intrinsics off and with 256-bit vectors.
/// </summary>
public sealed class CounterRandomTests
{
    // Random123's tests/kat_vectors, the three "philox4x32 10" lines: counter (4 words), key (2), expected block (4).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_gives_the_published_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint x0, uint x1, uint x2, uint x3)
    {
        Assert.Equal((x0, x1, x2, x3), Philox4x32.Block(c0, c1, c2, c3, k0, k1));
    }

    // Computed by an independent Python implementation of Philox4x32-10 (checked against the answers above) and
    // the mapping (2k + 1) / 2^53, k the top 52 bits of word pair axis mod 2 of counter (index, stream, axis / 2).
    [Theory]
    [InlineData(0UL, 0u, 0UL, 0, 0x3fec2d38b1acc4fdUL)]
    [InlineData(0UL, 0u, 0UL, 1, 0x3fe3601b7b178af5UL)]
    [InlineData(1UL, 0u, 0UL, 0, 0x3feca141d79c7d01UL)]
    [InlineData(1UL, 3u, 5UL, 2, 0x3fd323726e7cc3caUL)]
    [InlineData(ulong.MaxValue, uint.MaxValue, (1UL << 40) + 7, 5, 0x3fe533ce22e0ca39UL)]
    [InlineData(20261203UL, 17u, (1UL << 32) - 1, 1, 0x3fef864b0a22df2dUL)]
    [InlineData(20261203UL, 17u, 1UL << 32, 1, 0x3feaf024736ccb2fUL)]
    public void A_value_is_the_documented_function_of_seed_stream_index_and_axis(ulong seed, uint stream, ulong index, int axis, ulong bits)
    {
        Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(CounterRandom.OpenUnit(seed, stream, index, axis)));
    }

    [Fact]
    public void The_vector_fill_gives_the_scalar_bits_at_every_offset_and_length()
    {
        var seeds = new[] { 0UL, 1UL, 7UL, 20261203UL, 0x9E3779B97F4A7C15UL, ulong.MaxValue };
        // Starts near 2^32 cross into the counter's second word inside a vector.
        var firsts = new[] { 0UL, 1UL, 3UL, 1000UL, (1UL << 32) - 5, (1UL << 40) + 3 };
        foreach (var seed in seeds)
        foreach (var stream in new[] { 0u, 1u, 63u, uint.MaxValue })
        foreach (var first in firsts)
        foreach (var pair in new[] { 0, 1, 4 })
        foreach (var count in new[] { 0, 1, 3, 4, 5, 8, 13, 16, 17, 31, 40, 64, 67 })
        {
            var (even, odd, alone) = (new double[count], new double[count], new double[count]);
            CounterRandom.Fill(seed, stream, first, pair, even, odd);
            CounterRandom.Fill(seed, stream, first, pair, alone, []);
            for (var i = 0; i < count; i++)
            {
                var index = first + (ulong)i;
                Assert.Equal(CounterRandom.OpenUnit(seed, stream, index, 2 * pair), even[i]);
                Assert.Equal(CounterRandom.OpenUnit(seed, stream, index, 2 * pair + 1), odd[i]);
                Assert.Equal(even[i], alone[i]);
            }
        }
    }

    [Fact]
    public void The_fill_does_not_depend_on_how_a_stream_is_cut()
    {
        const int total = 1000;
        var whole = new double[total];
        CounterRandom.Fill(5, 9, 0, 0, whole, []);
        foreach (var piece in new[] { 1, 3, 4, 7, 64, 999 })
        {
            var cut = new double[total];
            for (var start = 0; start < total; start += piece)
                CounterRandom.Fill(5, 9, (ulong)start, 0, cut.AsSpan(start, Math.Min(piece, total - start)), []);
            Assert.Equal(whole, cut);
        }
    }

    [Fact]
    public void The_open_mapping_never_reaches_zero_or_one()
    {
        Assert.Equal(Math.Pow(2, -53), DeterministicRandom.OpenDouble(0));
        Assert.Equal(1 - Math.Pow(2, -53), DeterministicRandom.OpenDouble(ulong.MaxValue));
        Assert.True(DeterministicRandom.OpenDouble(ulong.MaxValue) < 1);
    }

    [Fact]
    public void A_million_draws_per_axis_have_uniform_moments_and_no_correlation()
    {
        const int n = 1_000_000;
        var (x, y) = (new double[n], new double[n]);
        CounterRandom.Fill(42, 3, 0, 0, x, y);
        foreach (var axis in new[] { x, y })
        {
            Assert.All(axis, u => Assert.True(u > 0 && u < 1));
            var mean = axis.Average();
            var variance = axis.Sum(u => (u - mean) * (u - mean)) / (n - 1);
            // Five standard errors: sqrt(1/12 / n) = 2.9e-4 for the mean, sqrt((1/80 - 1/144) / n) = 7.5e-5 for the variance.
            Assert.InRange(mean, 0.5 - 1.5e-3, 0.5 + 1.5e-3);
            Assert.InRange(variance, 1.0 / 12 - 3.7e-4, 1.0 / 12 + 3.7e-4);
            // 100 equal bins: chi-square with 99 degrees of freedom is above 160 with probability 1.0e-4.
            var bins = new long[100];
            foreach (var u in axis) bins[(int)(u * 100)]++;
            Assert.InRange(bins.Sum(b => (b - n / 100.0) * (b - n / 100.0) / (n / 100.0)), 0, 160);
            // Successive draws of one axis: correlation within five standard errors (1 / sqrt(n)) of zero.
            Assert.InRange(Correlation(axis.AsSpan(0, n - 1), axis.AsSpan(1)), -5e-3, 5e-3);
        }
        Assert.InRange(Correlation(x, y), -5e-3, 5e-3);
    }

    private static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var i = 0; i < a.Length; i++) (sa, sb, saa, sbb, sab) = (sa + a[i], sb + b[i], saa + a[i] * a[i], sbb + b[i] * b[i], sab + a[i] * b[i]);
        var n = a.Length;
        return (sab / n - sa / n * (sb / n)) / Math.Sqrt((saa / n - sa / n * (sa / n)) * (sbb / n - sb / n * (sb / n)));
    }
}
