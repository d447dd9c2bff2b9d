using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>Exact integer combinatorics used by the region bounds. Every result is a BigInteger: no overflow, no rounding.</summary>
public static class Combinatorics
{
    /// <summary>The binomial coefficient C(n, k); 0 when k &lt; 0 or k &gt; n.</summary>
    public static BigInteger Binomial(long n, long k) => Binomial(n, k, ExactBudget.Unlimited);

    /// <summary>
    /// Zaslavsky's count sum_{j=0..d} C(n, j): the number of regions of n hyperplanes in general
    /// position in R^d, which is the maximum over all arrangements of n hyperplanes in R^d.
    /// </summary>
    public static BigInteger ZaslavskySum(long d, long n) => ZaslavskySum(d, n, ExactBudget.Unlimited);

    /// <summary>The Catalan number C_n = C(2n, n) / (n + 1).</summary>
    public static BigInteger Catalan(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Binomial(2L * n, n) / (n + 1);
    }

    public static BigInteger Factorial(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = BigInteger.One;
        for (var i = 2; i <= n; i++) result *= i;
        return result;
    }

    internal static BigInteger Binomial(long n, long k, ExactBudget budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k < 0 || k > n) return BigInteger.Zero;
        k = Math.Min(k, n - k);
        budget.RequireLog2AtMost(Log2Binomial(n, k));
        var c = BigInteger.One;
        // C(n-k+i, i) is an integer at every step, so each division is exact.
        for (long i = 1; i <= k; i++) c = budget.DivideExact(budget.Multiply(c, n - k + i), i);
        return c;
    }

    /// <summary>C(n, 0), C(n, 1), ..., C(n, min(kMax, n)).</summary>
    internal static BigInteger[] BinomialRow(long n, int kMax, ExactBudget budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(kMax);
        var row = new BigInteger[(int)Math.Min(kMax, n) + 1];
        budget.RequireLog2AtMost(Log2Binomial(n, Math.Min(row.Length - 1, n / 2)));   // the row's largest entry
        row[0] = BigInteger.One;
        for (var j = 1; j < row.Length; j++) row[j] = budget.DivideExact(budget.Multiply(row[j - 1], n - j + 1), j);
        return row;
    }

    internal static BigInteger ZaslavskySum(long d, long n, ExactBudget budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (d >= n) return budget.PowerOfTwo(n);
        // Past the middle it is cheaper to subtract the short tail: sum_{j>d} C(n,j) = sum_{j<n-d} C(n,j).
        if (2 * d > n) return budget.PowerOfTwo(n) - BinomialPrefixSum(n, n - d - 1, budget);
        return BinomialPrefixSum(n, d, budget);
    }

    private static BigInteger BinomialPrefixSum(long n, long d, ExactBudget budget)
    {
        budget.RequireLog2AtMost(Log2Binomial(n, d));   // the sum is at least its last term
        var term = BigInteger.One;
        var sum = BigInteger.One;
        for (long j = 0; j < d; j++)
        {
            term = budget.DivideExact(budget.Multiply(term, n - j), j + 1);
            sum = budget.Add(sum, term);
        }
        return sum;
    }

    /// <summary>
    /// log2 C(n, k) in floating point, O(k): lets a computation that would only end in a number over
    /// the size limit be refused before it spends seconds building that number.
    /// </summary>
    internal static double Log2Binomial(long n, long k)
    {
        if (k < 0 || k > n) return double.NegativeInfinity;
        k = Math.Min(k, n - k);
        var log2 = 0.0;
        for (long i = 1; i <= k; i++) log2 += Math.Log2((double)(n - k + i) / i);
        return log2;
    }
}
