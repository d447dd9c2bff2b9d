using System.Diagnostics;
using System.Numerics;
using Regions.Theory.Bounds;

namespace Regions.Tests.Bounds;

public class LargeArchitectureTests
{
    [Fact]
    public void Hundred_layers_of_width_1000_are_computed_exactly_and_quickly()
    {
        var widths = Enumerable.Repeat(1000, 100).ToArray();
        var clock = Stopwatch.StartNew();
        var bounds = BoundCatalog.For(10, widths, rank: null);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");

        var lastCut = Combinatorics.ZaslavskySum(10, 1000);
        Assert.Equal(BigInteger.One << 100_000, bounds.ValueOf("trivial-upper"));
        Assert.Equal(BigInteger.Pow(100, 10 * 99) * lastCut, bounds.ValueOf("montufar2014-thm5"));
        Assert.Equal(BigInteger.Pow(100, 10 * 99) * lastCut, bounds.ValueOf("montufar2014-eq6"));
        Assert.Equal(BigInteger.Pow(101, 10 * 99) * lastCut, bounds.ValueOf("serra2018-lower"));
        Assert.Equal(BigInteger.Pow(100, 99) * lastCut, bounds.ValueOf("pascanu2013-thm1"));
        // Every width >= 2 n0, so n_k - j_k >= n0 never binds: Serra's sum factors into Montufar's product.
        Assert.Equal(BigInteger.Pow(lastCut, 100), bounds.ValueOf("serra2018-upper"));
        Assert.Equal(BigInteger.Pow(lastCut, 100), bounds.ValueOf("montufar2017-upper"));
        Assert.Equal(Combinatorics.ZaslavskySum(10, 100_000), bounds.ValueOf("shallow-zaslavsky"));
    }

    [Fact]
    public void Serra_dynamic_program_handles_deep_nets_with_a_binding_bottleneck()
    {
        // Widths alternate 1000 and 15 with n0 = 10: the running minimum moves, so the sum does not factor.
        var widths = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 1000 : 15).ToArray();
        var clock = Stopwatch.StartNew();
        var serra = SerraUpperBound.Compute(10, widths);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var montufar = BoundCatalog.For(10, widths, rank: null).ValueOf("montufar2017-upper");
        Assert.True(serra < montufar);
    }

    [Fact]
    public void Values_too_large_to_print_are_reported_as_not_computed()
    {
        var widths = Enumerable.Repeat(1_000_000, 10).ToArray();   // 2^(10^7) activation patterns
        var clock = Stopwatch.StartNew();
        var bounds = BoundCatalog.For(1, widths, rank: null);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        var patterns = bounds.Get("trivial-upper");
        Assert.Null(patterns.Value);
        Assert.StartsWith("not computed", patterns.NotApplicableReason);
        Assert.Equal(BigInteger.Pow(1_000_001, 10), bounds.ValueOf("exact-1d"));
    }

    [Fact]
    public void Wide_inputs_and_wide_layers_stay_within_the_budget()
    {
        var clock = Stopwatch.StartNew();
        var bounds = BoundCatalog.For(1_000_000, [1_000_000, 1_000_000], rank: null);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.All(bounds.Where(b => b.Kind is BoundKind.Upper or BoundKind.Lower or BoundKind.Exact),
            b => Assert.True(b.Value is not null || b.NotApplicableReason is not null));
    }
}
