using System.Numerics;
using Regions.Theory.Bounds;

namespace Regions.Tests.Bounds;

public class CombinatoricsTests
{
    [Theory]
    [InlineData(0, 0, "1")]
    [InlineData(5, 2, "10")]
    [InlineData(5, 5, "1")]
    [InlineData(5, 6, "0")]
    [InlineData(5, -1, "0")]
    [InlineData(100, 50, "100891344545564193334812497256")]
    public void Binomial_matches_known_values(long n, long k, string expected) =>
        Assert.Equal(BigInteger.Parse(expected), Combinatorics.Binomial(n, k));

    [Fact]
    public void Binomial_satisfies_pascals_rule()
    {
        for (var n = 1; n <= 40; n++)
        for (var k = 1; k <= n; k++)
            Assert.Equal(Combinatorics.Binomial(n - 1, k - 1) + Combinatorics.Binomial(n - 1, k), Combinatorics.Binomial(n, k));
    }

    [Theory]
    [InlineData(2, 3, 7)]     // 3 lines in general position cut the plane into 7 regions
    [InlineData(3, 4, 15)]    // 4 planes in R^3: 1 + 4 + 6 + 4
    [InlineData(1, 9, 10)]    // 9 points cut a line into 10 intervals
    [InlineData(2, 8, 37)]    // Pascanu et al. 2013: shallow net, n0 = 2, 8 units
    [InlineData(2, 12, 79)]   // ... and 12 units
    [InlineData(5, 3, 8)]     // d >= n: every one of the 2^n sign vectors is a region
    [InlineData(0, 4, 1)]
    public void ZaslavskySum_counts_regions_of_general_position_arrangements(long d, long n, long expected) =>
        Assert.Equal(new BigInteger(expected), Combinatorics.ZaslavskySum(d, n));

    [Fact]
    public void ZaslavskySum_past_the_middle_agrees_with_the_direct_sum()
    {
        for (var n = 0; n <= 30; n++)
        for (var d = 0; d <= n + 2; d++)
        {
            var direct = BigInteger.Zero;
            for (var j = 0; j <= Math.Min(d, n); j++) direct += Combinatorics.Binomial(n, j);
            Assert.Equal(direct, Combinatorics.ZaslavskySum(d, n));
        }
    }

    [Fact]
    public void Catalan_and_factorial_match_their_first_values()
    {
        Assert.Equal(new BigInteger[] { 1, 1, 2, 5, 14, 42, 132 }, Enumerable.Range(0, 7).Select(Combinatorics.Catalan));
        Assert.Equal(new BigInteger[] { 1, 1, 2, 6, 24, 120 }, Enumerable.Range(0, 6).Select(Combinatorics.Factorial));
    }

    [Theory]
    [InlineData(44, 29, 4, "1.5172")]
    [InlineData(1, 3, 4, "0.3333")]
    [InlineData(2, 3, 4, "0.6667")]
    [InlineData(5, 1, 2, "5.00")]
    [InlineData(1, 8, 2, "0.13")]   // 0.125 rounds half up
    public void Fraction_prints_a_rounded_decimal(long numerator, long denominator, int decimals, string expected) =>
        Assert.Equal(expected, new Fraction(numerator, denominator).ToDecimalString(decimals));
}
