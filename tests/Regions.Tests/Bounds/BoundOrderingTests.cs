using System.Numerics;
using Regions.Theory.Bounds;

namespace Regions.Tests.Bounds;

/// <summary>
/// Consistency on a grid of small architectures: whatever a construction attains cannot exceed what
/// an upper bound allows, and the upper bounds nest as their proofs say.
/// </summary>
public class BoundOrderingTests
{
    private static IEnumerable<(int Inputs, int[] Widths)> Grid(int maxInputs, int maxDepth, int maxWidth)
    {
        for (var n0 = 1; n0 <= maxInputs; n0++)
        for (var depth = 1; depth <= maxDepth; depth++)
        {
            var widths = Enumerable.Repeat(1, depth).ToArray();
            while (true)
            {
                yield return (n0, (int[])widths.Clone());
                var i = 0;
                while (i < depth && widths[i] == maxWidth) widths[i++] = 1;
                if (i == depth) break;
                widths[i]++;
            }
        }
    }

    private static void AssertLowerBoundsBelowUpperBounds(IReadOnlyList<BoundResult> bounds, string where)
    {
        var network = bounds.Where(b => b.Subject == BoundSubject.Network && b.Value is not null).ToArray();
        var lowers = network.Where(b => b.Kind is BoundKind.Lower or BoundKind.Exact).ToArray();
        var uppers = network.Where(b => b.Kind is BoundKind.Upper or BoundKind.Exact).ToArray();
        Assert.NotEmpty(uppers);
        foreach (var lower in lowers)
        foreach (var upper in uppers)
            Assert.True(lower.Value <= upper.Value, $"{where}: {lower.Id} = {lower.Value} > {upper.Id} = {upper.Value}");
    }

    [Fact]
    public void Relu_lower_bounds_never_exceed_relu_upper_bounds()
    {
        foreach (var (n0, widths) in Grid(maxInputs: 6, maxDepth: 3, maxWidth: 13))
            AssertLowerBoundsBelowUpperBounds(BoundCatalog.For(n0, widths, rank: null), $"n0 = {n0}, widths = {string.Join(",", widths)}");
    }

    [Fact]
    public void Maxout_lower_bounds_never_exceed_maxout_upper_bounds()
    {
        for (var rank = 2; rank <= 5; rank++)
            foreach (var (n0, widths) in Grid(maxInputs: 4, maxDepth: 3, maxWidth: 7))
                AssertLowerBoundsBelowUpperBounds(BoundCatalog.For(n0, widths, rank), $"k = {rank}, n0 = {n0}, widths = {string.Join(",", widths)}");
    }

    [Fact]
    public void Serra_upper_is_within_Montufar2017_upper_which_is_within_two_to_the_N()
    {
        foreach (var (n0, widths) in Grid(maxInputs: 6, maxDepth: 4, maxWidth: 8))
        {
            var bounds = BoundCatalog.For(n0, widths, rank: null);
            var serra = bounds.ValueOf("serra2018-upper");
            var montufar = bounds.ValueOf("montufar2017-upper");
            var patterns = bounds.ValueOf("trivial-upper");
            Assert.True(serra <= montufar && montufar <= patterns, $"n0 = {n0}, widths = {string.Join(",", widths)}: {serra}, {montufar}, {patterns}");
        }
    }

    [Fact]
    public void Refined_lower_bounds_improve_on_the_ones_they_refine()
    {
        foreach (var (n0, widths) in Grid(maxInputs: 5, maxDepth: 3, maxWidth: 16))
        {
            var bounds = BoundCatalog.For(n0, widths, rank: null);
            if (!bounds.Get("pascanu2013-thm1").IsApplicable) continue;
            BigInteger V(string id) => bounds.ValueOf(id);
            Assert.True(V("pascanu2013-thm1") <= V("montufar2014-thm5"));
            Assert.True(V("montufar2014-thm5") <= V("montufar2014-eq6"));
            if (bounds.Get("serra2018-lower").IsApplicable) Assert.True(V("montufar2014-eq6") <= V("serra2018-lower"));
        }
    }

    [Fact]
    public void Every_bound_is_reported_either_with_a_value_or_with_a_reason()
    {
        foreach (var (n0, widths) in Grid(maxInputs: 3, maxDepth: 2, maxWidth: 4))
        foreach (int? rank in new int?[] { null, 3 })
        {
            var bounds = BoundCatalog.For(n0, widths, rank);
            Assert.Equal(bounds.Count, bounds.Select(b => b.Id).Distinct().Count());
            foreach (var b in bounds)
            {
                Assert.True(b.IsApplicable == (b.ValueText is not null), b.Id);
                Assert.True(b.IsApplicable || !string.IsNullOrWhiteSpace(b.NotApplicableReason), b.Id);
                Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", b.Id);
            }
        }
    }
}
