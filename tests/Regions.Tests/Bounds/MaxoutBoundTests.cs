using Regions.Theory.Bounds;
using static Regions.Tests.Bounds.CatalogLookup;

namespace Regions.Tests.Bounds;

public class MaxoutBoundTests
{
    [Theory]
    [InlineData(2, 2, 3, 8, 4)]      // min{Z(2, 12) = 79, 2^3 = 8}; 2^min(2,3)
    [InlineData(3, 1, 2, 9, 3)]      // min{Z(1, 18) = 19, 3^2 = 9}; 3^1
    [InlineData(2, 1, 10, 41, 2)]    // min{Z(1, 40) = 41, 2^10}: here the arrangement count is smaller
    public void Proposition8_bounds_one_maxout_layer(int rank, int inputs, int units, int upper, int lower)
    {
        var bounds = Maxout(rank, inputs, units);
        Assert.Equal(upper, bounds.ValueOf("montufar2014-prop8-upper"));
        Assert.Equal(lower, bounds.ValueOf("montufar2014-prop8-lower"));
    }

    [Fact]
    public void Proposition8_upper_bound_does_not_bound_a_deeper_net()
    {
        var bounds = Maxout(2, 2, 3, 3);
        Assert.Contains("one maxout layer", bounds.Get("montufar2014-prop8-upper").NotApplicableReason);
        Assert.Equal(4, bounds.ValueOf("montufar2014-prop8-lower"));
    }

    [Fact]
    public void Theorem9_counts_k_per_layer_and_k_to_the_n0_at_the_end()
    {
        Assert.Equal(81, Maxout(3, 2, 2, 2, 2).ValueOf("montufar2014-thm9"));   // 3^2 * 3^2
        Assert.Equal(8, Maxout(2, 1, 1, 1, 1).ValueOf("montufar2014-thm9"));    // |x| folding: 2^2 * 2
        Assert.Equal(3, Maxout(3, 1, 1).ValueOf("montufar2014-thm9"));          // one layer: one unit, 3 pieces
    }

    [Fact]
    public void Theorem9_is_false_for_one_input_and_rank_3()
    {
        // A width-1 rank-3 layer is convex, so it identifies 2 regions, not 3: at most 7 regions, not 9.
        var result = Maxout(3, 1, 1, 1).Get("montufar2014-thm9");
        Assert.Null(result.Value);
        Assert.Contains("false for n0 = 1 and k >= 3", result.NotApplicableReason);
        Assert.Contains("not 9", result.NotApplicableReason);
    }

    [Fact]
    public void Theorem9_holds_for_every_rank_when_n0_is_at_least_2_and_needs_widths_n0()
    {
        Assert.Equal(125, Maxout(5, 2, 2, 2).ValueOf("montufar2014-thm9"));          // k > 2^n0: the rotation construction
        Assert.Equal(4096, Maxout(8, 3, 3, 3).ValueOf("montufar2014-thm9"));         // 2 n0 < k <= 2^n0: absolute values
        Assert.Equal(6561, Maxout(9, 3, 3, 3).ValueOf("montufar2014-thm9"));        // k > 2^n0 with n0 = 3: rotation in y_1, y_2
        Assert.Equal(4, Maxout(2, 1, 1, 1).ValueOf("montufar2014-thm9"));            // n0 = 1 keeps k = 2 (and one layer, any k)
        Assert.Contains("width to equal n0 = 2", Maxout(3, 2, 2, 3).Get("montufar2014-thm9").NotApplicableReason);
        Assert.Contains("every k when n0 >= 2", Maxout(5, 2, 2, 2).Get("montufar2014-thm9").Citation);
    }

    [Theory]
    [InlineData(3, 2, 2, 54)]       // 6 * 9: the exact count of construct maxout-rotation (RotationMaxoutTests)
    [InlineData(5, 2, 2, 250)]
    [InlineData(3, 2, 3, 324)]      // 6^2 * 9
    [InlineData(9, 3, 2, 13122)]    // 18 * 729
    [InlineData(4, 2, 1, 16)]       // one layer: the k^n0 grid
    public void Rotation_construction_gives_2k_per_fold_layer(int rank, int n0, int depth, int regions)
    {
        var bounds = Maxout(rank, n0, Enumerable.Repeat(n0, depth).ToArray());
        Assert.Equal(regions, bounds.ValueOf("maxout-rotation"));
        Assert.True(bounds.ValueOf("maxout-rotation") >= bounds.ValueOf("montufar2014-thm9"));
    }

    [Fact]
    public void Rotation_construction_states_its_conditions()
    {
        Assert.Contains("n0 >= 2", Maxout(3, 1, 1, 1).Get("maxout-rotation").NotApplicableReason);
        Assert.Contains("width to equal n0 = 2", Maxout(3, 2, 2, 3).Get("maxout-rotation").NotApplicableReason);
    }

    [Theory]
    [InlineData(3, 16)]   // (3 + 1)^2
    [InlineData(4, 125)]  // (4 + 1)^3
    [InlineData(2, 3)]    // one unit, two parallel lines x1 - x2 in {0, 1}
    public void Shi_arrangement_of_rank_3_pair_units(int n, int regions) =>
        Assert.Equal(regions, Maxout(3, n, n * (n - 1) / 2).ValueOf("shi-arrangement"));

    [Theory]
    [InlineData(3, 30)]   // 3! * 5
    [InlineData(4, 336)]  // 4! * 14
    [InlineData(2, 4)]    // one unit, three parallel lines x1 - x2 in {-1, 0, 1}
    public void Catalan_arrangement_of_rank_4_pair_units(int n, int regions) =>
        Assert.Equal(regions, Maxout(4, n, n * (n - 1) / 2).ValueOf("catalan-arrangement"));

    [Fact]
    public void Arrangement_constructions_state_their_conditions()
    {
        Assert.Contains("rank k >= 4", Maxout(3, 3, 3).Get("catalan-arrangement").NotApplicableReason);
        Assert.Contains("n0(n0-1)/2 = 3", Maxout(3, 3, 4).Get("shi-arrangement").NotApplicableReason);
        Assert.Contains("single hidden layer", Maxout(3, 3, 3, 3).Get("shi-arrangement").NotApplicableReason);
        Assert.Equal(16, Maxout(4, 3, 3).ValueOf("shi-arrangement"));   // a rank-4 unit can repeat a piece
    }

    [Fact]
    public void Relu_constructions_carry_over_to_maxout_but_relu_upper_bounds_do_not()
    {
        var bounds = Maxout(2, 2, 4, 4);
        Assert.Equal(44, bounds.ValueOf("montufar2014-thm5"));
        Assert.Contains("maxout", bounds.Get("montufar2014-thm5").Citation);
        foreach (var id in new[] { "serra2018-upper", "montufar2017-upper", "exact-1d", "shallow-zaslavsky" })
            Assert.Null(bounds.Get(id).Value);
        Assert.Equal(256, bounds.ValueOf("trivial-upper"));   // 2^8 patterns
        Assert.Equal(6561, Maxout(3, 2, 4, 4).ValueOf("trivial-upper"));   // 3^8
    }

    [Fact]
    public void Maxout_parameters_count_k_pieces_per_unit()
    {
        // 2-3-1 with rank 3: 3 * (2*3 + 3) + (3 + 1) = 31.
        Assert.Equal(31, Maxout(3, 2, 3).ValueOf("params-deep"));
    }
}
