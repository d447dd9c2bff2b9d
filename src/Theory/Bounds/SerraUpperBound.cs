using System.Numerics;

namespace Regions.Theory.Bounds;

/// <summary>
/// Serra, Tjandraatmadja, Ramalingam 2018, Theorem 1: the sum over (j_1..j_L) in J of
/// prod_l C(n_l, j_l), where J = { 0 &lt;= j_l &lt;= min(n0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l) }.
/// The tuples are never enumerated (there are up to (n0+1)^L of them): the only thing a prefix
/// j_1..j_l passes on is its running minimum b = min(n0, n_1 - j_1, ..., n_l - j_l), so a dynamic
/// program over b costs O(L * min(n0, n_l)) big-integer operations.
/// </summary>
public static class SerraUpperBound
{
    public static BigInteger Compute(int inputs, IReadOnlyList<int> widths) => Compute(inputs, widths, ExactBudget.Unlimited);

    internal static BigInteger Compute(int inputs, IReadOnlyList<int> widths, ExactBudget budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        if (widths.Count == 0) throw new ArgumentException("at least one layer is needed", nameof(widths));
        // weight[b] = sum over admissible prefixes with running minimum b of the product of binomials.
        // A running minimum above n_1 acts exactly like n_1 (j_1 <= n_1 anyway), so start there.
        var weight = new BigInteger[Math.Min(inputs, widths[0]) + 1];
        weight[^1] = BigInteger.One;
        foreach (var width in widths) weight = NextLayer(weight, width, budget);
        var total = BigInteger.Zero;
        foreach (var w in weight) total = budget.Add(total, w);
        return total;
    }

    /// <summary>
    /// From running minimum b, layer width n allows j in 0..min(b, n). For j &lt;= n - b the minimum
    /// stays b; for larger j it drops to c = n - j &lt; b. Grouping the second case by c turns the
    /// double loop into one pass over suffix sums of the weights.
    /// </summary>
    private static BigInteger[] NextLayer(BigInteger[] weight, int n, ExactBudget budget)
    {
        var maxState = weight.Length - 1;
        var next = new BigInteger[Math.Min(maxState, n) + 1];
        var row = Combinatorics.BinomialRow(n, Math.Min(maxState, n), budget);

        var prefix = new BigInteger[row.Length];
        prefix[0] = row[0];
        for (var j = 1; j < row.Length; j++) prefix[j] = budget.Add(prefix[j - 1], row[j]);

        // Minimum unchanged: j = 0..min(b, n - b).
        for (var b = 0; b <= maxState && b <= n; b++)
        {
            if (weight[b].IsZero) continue;
            next[b] = budget.Add(next[b], budget.Multiply(weight[b], prefix[Math.Min(b, n - b)]));
        }

        // Minimum drops to c = n - j: needs j <= b (b >= n - c) and j > n - b (b > c).
        var suffix = new BigInteger[maxState + 2];
        for (var b = maxState; b >= 0; b--) suffix[b] = budget.Add(suffix[b + 1], weight[b]);
        for (var c = 0; c < maxState && c <= n; c++)
        {
            var from = Math.Max((long)n - c, c + 1L);
            if (from > maxState || suffix[from].IsZero) continue;
            next[c] = budget.Add(next[c], budget.Multiply(row[c], suffix[from]));
        }
        return next;
    }
}
