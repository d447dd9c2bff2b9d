using System.Numerics;
using Regions.Theory.Bounds;

namespace Regions.Tests.Bounds;

/// <summary>The dynamic program against a literal enumeration of the index set J of Serra et al. 2018, Theorem 1.</summary>
public class SerraUpperBoundTests
{
    /// <summary>Enumerates every (j_1..j_L) with 0 &lt;= j_l &lt;= min(n0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l).</summary>
    private static BigInteger BruteForce(int n0, int[] widths)
    {
        BigInteger Recurse(int layer, int runningMin)
        {
            if (layer == widths.Length) return BigInteger.One;
            var n = widths[layer];
            var total = BigInteger.Zero;
            for (var j = 0; j <= Math.Min(runningMin, n); j++)
                total += Combinatorics.Binomial(n, j) * Recurse(layer + 1, Math.Min(runningMin, n - j));
            return total;
        }
        return Recurse(0, n0);
    }

    private static IEnumerable<int[]> Architectures(int maxDepth, int maxWidth)
    {
        for (var depth = 1; depth <= maxDepth; depth++)
        {
            var widths = Enumerable.Repeat(1, depth).ToArray();
            while (true)
            {
                yield return (int[])widths.Clone();
                var i = 0;
                while (i < depth && widths[i] == maxWidth) widths[i++] = 1;
                if (i == depth) break;
                widths[i]++;
            }
        }
    }

    [Fact]
    public void Dynamic_program_matches_enumeration_on_all_small_architectures()
    {
        var checkedCount = 0;
        for (var n0 = 1; n0 <= 5; n0++)
        {
            foreach (var widths in Architectures(maxDepth: 4, maxWidth: 6))
            {
                Assert.True(BruteForce(n0, widths) == SerraUpperBound.Compute(n0, widths),
                    $"n0 = {n0}, widths = {string.Join(",", widths)}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 7000);
    }

    [Fact]
    public void Dynamic_program_matches_enumeration_on_uneven_wider_nets()
    {
        int[][] cases = [[9, 2, 9, 1, 12], [12, 11, 10, 9, 8, 7], [3, 15, 4, 15], [20, 3, 20]];
        for (var n0 = 1; n0 <= 8; n0++)
            foreach (var widths in cases)
                Assert.Equal(BruteForce(n0, widths), SerraUpperBound.Compute(n0, widths));
    }
}
