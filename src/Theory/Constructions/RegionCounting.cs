using System.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>Exact integer formulas for the region counts the constructions promise.</summary>
public static class RegionCounting
{
    public static BigInteger Binomial(int n, int k)
    {
        if (k < 0 || k > n) return BigInteger.Zero;
        k = Math.Min(k, n - k);
        var result = BigInteger.One;
        // Multiplying before dividing keeps every intermediate an integer: result is C(n, i) after step i.
        for (var i = 1; i <= k; i++) result = result * (n - k + i) / i;
        return result;
    }

    /// <summary>Regions of <paramref name="hyperplanes"/> hyperplanes in general position in R^<paramref name="dimension"/> (Zaslavsky): sum_{j &lt;= d} C(n, j).</summary>
    public static BigInteger GeneralPositionRegions(int hyperplanes, int dimension)
    {
        var total = BigInteger.Zero;
        for (var j = 0; j <= Math.Min(dimension, hyperplanes); j++) total += Binomial(hyperplanes, j);
        return total;
    }

    public static BigInteger Factorial(int n)
    {
        var result = BigInteger.One;
        for (var i = 2; i <= n; i++) result *= i;
        return result;
    }

    public static BigInteger Catalan(int n) => Binomial(2 * n, n) / (n + 1);

    public static BigInteger Power(BigInteger value, int exponent) => BigInteger.Pow(value, exponent);
}
