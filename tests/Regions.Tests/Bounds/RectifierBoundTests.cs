using System.Numerics;
using Regions.Theory.Bounds;
using static Regions.Tests.Bounds.CatalogLookup;

namespace Regions.Tests.Bounds;

/// <summary>The papers' worked examples and hand-computed cases for rectifier networks.</summary>
public class RectifierBoundTests
{
    [Fact]
    public void Pascanu_example_two_layers_of_4_beat_a_shallow_net_of_8()
    {
        var bounds = Relu(2, 4, 4);
        Assert.Equal(37, bounds.ValueOf("shallow-zaslavsky"));
        Assert.Equal(44, bounds.ValueOf("pascanu2013-width-2n0"));   // 2^2 * (1 + 4 + 6)
        Assert.Equal(22, bounds.ValueOf("pascanu2013-thm1"));        // floor(4/2) * 11
        Assert.Equal(44, bounds.ValueOf("montufar2014-thm5"));       // 2^2 * 11
        Assert.Equal(BoundSubject.ShallowComparator, bounds.Get("shallow-zaslavsky").Subject);
    }

    [Fact]
    public void Pascanu_example_three_layers_of_4_beat_a_shallow_net_of_12()
    {
        var bounds = Relu(2, 4, 4, 4);
        Assert.Equal(79, bounds.ValueOf("shallow-zaslavsky"));
        Assert.Equal(176, bounds.ValueOf("pascanu2013-width-2n0"));  // 2^4 * 11
    }

    [Fact]
    public void Width_2n0_class_needs_every_width_equal_to_2n0()
    {
        var result = Relu(2, 4, 5).Get("pascanu2013-width-2n0");
        Assert.Null(result.Value);
        Assert.Contains("2 n0 = 4", result.NotApplicableReason);
    }

    [Fact]
    public void Theorem5_and_equation6_with_one_folding_layer_of_5()
    {
        // n0 = 2, n1 = 5: floor = 2, m = 1; last layer of 3 cuts each copy into 1 + 3 + 3 = 7.
        var bounds = Relu(2, 5, 3);
        Assert.Equal(28, bounds.ValueOf("montufar2014-thm5"));   // 2^2 * 7
        Assert.Equal(42, bounds.ValueOf("montufar2014-eq6"));    // 2^1 * 3^1 * 7
        Assert.Equal(14, bounds.ValueOf("pascanu2013-thm1"));    // 2 * 7
    }

    [Fact]
    public void Theorem5_and_equation6_with_two_folding_layers_of_5()
    {
        var bounds = Relu(2, 5, 5, 3);
        Assert.Equal(16 * 7, bounds.ValueOf("montufar2014-thm5"));  // (2^2)^2 * 7
        Assert.Equal(36 * 7, bounds.ValueOf("montufar2014-eq6"));   // (2 * 3)^2 * 7
    }

    [Fact]
    public void Folding_bounds_need_layers_at_least_n0_wide()
    {
        var bounds = Relu(3, 2, 5);
        foreach (var id in new[] { "pascanu2013-thm1", "montufar2014-thm5", "montufar2014-eq6" })
        {
            Assert.Null(bounds.Get(id).Value);
            Assert.Contains("layer 1 has 2 units", bounds.Get(id).NotApplicableReason);
        }
    }

    [Fact]
    public void Serra_lower_bound_uses_one_more_piece_per_group()
    {
        // n0 = 2, n1 = 6 >= 3 n0: (floor(6/2) + 1)^2 = 16 copies of the 11 pieces of 4 lines.
        Assert.Equal(176, Relu(2, 6, 4).ValueOf("serra2018-lower"));
        var tooNarrow = Relu(2, 5, 4).Get("serra2018-lower");
        Assert.Null(tooNarrow.Value);
        Assert.Contains("3 n0 = 6", tooNarrow.NotApplicableReason);
    }

    [Fact]
    public void Upper_bounds_see_the_bottleneck_of_a_narrow_first_layer()
    {
        // One unit first: its active half-plane maps onto a ray, so the 5 units after it act on a
        // line: 6 pieces there plus the dead half-plane = 7. Montufar 2017 allows 2 * 6 = 12.
        var bounds = Relu(2, 1, 5);
        Assert.Equal(7, bounds.ValueOf("serra2018-upper"));
        Assert.Equal(12, bounds.ValueOf("montufar2017-upper"));
        Assert.Equal(64, bounds.ValueOf("trivial-upper"));
    }

    [Fact]
    public void One_layer_upper_bounds_equal_zaslavsky()
    {
        var bounds = Relu(3, 7);
        var zaslavsky = Combinatorics.ZaslavskySum(3, 7);
        Assert.Equal(zaslavsky, bounds.ValueOf("serra2018-upper"));
        Assert.Equal(zaslavsky, bounds.ValueOf("montufar2017-upper"));
        Assert.Equal(zaslavsky, bounds.ValueOf("shallow-zaslavsky"));
    }

    [Theory]
    [InlineData(new[] { 3, 3 }, 16)]
    [InlineData(new[] { 7 }, 8)]
    [InlineData(new[] { 4, 3, 1 }, 40)]
    [InlineData(new[] { 3, 2 }, 12)]   // the last layer only cuts, so it may be narrow
    public void Exact_one_input_value_is_the_product_of_widths_plus_one(int[] widths, int expected)
    {
        var bounds = Relu(1, widths);
        Assert.Equal(expected, bounds.ValueOf("exact-1d"));
        Assert.Equal(BoundKind.Exact, bounds.Get("exact-1d").Kind);
        // The upper bound it attains, and the construction that attains it.
        Assert.Equal(expected, bounds.ValueOf("serra2018-upper"));
        if (widths.Length > 1) Assert.Equal(expected, bounds.ValueOf("serra2018-lower"));
    }

    [Theory]
    [InlineData(1, new[] { 2, 5 }, "n_l >= 3")]
    [InlineData(1, new[] { 1, 5 }, "n_l >= 3")]
    [InlineData(2, new[] { 4, 4 }, "n0 = 1")]
    public void Exact_one_input_value_states_why_it_does_not_apply(int inputs, int[] widths, string reason)
    {
        var result = Relu(inputs, widths).Get("exact-1d");
        Assert.Null(result.Value);
        Assert.Contains(reason, result.NotApplicableReason);
    }

    [Fact]
    public void Maxout_only_bounds_say_so_for_relu_nets()
    {
        var bounds = Relu(2, 3);
        foreach (var id in new[] { "montufar2014-prop8-upper", "montufar2014-prop8-lower", "montufar2014-thm9", "maxout-rotation", "shi-arrangement", "catalan-arrangement" })
            Assert.Contains("maxout", bounds.Get(id).NotApplicableReason);
    }

    [Fact]
    public void Parameter_counts_and_ratios_follow_pascanu_appendix_a()
    {
        // Deep 2-4-4-1: (2*4 + 4) + (4*4 + 4) + (4 + 1) = 37. Shallow 2-8-1: 2*8 + 8 + 8 + 1 = 33.
        var bounds = Relu(2, 4, 4);
        Assert.Equal(37, bounds.ValueOf("params-deep"));
        Assert.Equal(33, bounds.ValueOf("params-shallow"));
        var deep = bounds.Get("regions-per-param-deep");
        Assert.Equal(new Fraction(44, 37), deep.Ratio);   // best attained count: 44
        Assert.Equal("1.1892", deep.ValueText);
        Assert.Equal("1.1212", bounds.Get("regions-per-param-shallow").ValueText);  // 37 / 33
        var threeOutputs = BoundCatalog.For(2, [4, 4], rank: null, outputs: 3);
        Assert.Equal(new BigInteger(37 + 2 * 5), threeOutputs.ValueOf("params-deep"));
    }
}
