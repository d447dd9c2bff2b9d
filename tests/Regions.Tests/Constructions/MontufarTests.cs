using Regions.Kernel;
using Regions.Kernel.Evaluation;

namespace Regions.Tests.Constructions;

public class MontufarTests
{
    public static TheoryData<int, int[], long, long> Counts => new()
    {
        // n0, widths, eq. (6) by hand, linear regions by hand.
        { 1, [3], 4, 4 },
        { 1, [3, 2], 9, 9 },
        { 1, [2, 3, 3], 24, 24 },
        { 1, [3, 1], 6, 5 },          // P = 3 pieces, walls map to 1, 0: the two all-off copies around the 0-wall merge
        { 1, [2, 2, 1], 8, 7 },       // P = 4, walls 1, 0, 1: one merge
        { 2, [4, 3], 28, 28 },        // p = (2, 2): 4 * (1 + 3 + 3)
        { 2, [5, 4], 66, 66 },        // p = (2, 3) from the remainder: 6 * 11
        { 2, [4, 4, 3], 112, 112 },
        { 2, [4, 2], 16, 16 },        // n_L = n0, but P = 2 has no wall mapping to 0: nothing merges
        { 2, [6, 2], 36, 31 },        // 9 all-off copies merge into 2 * 2
        { 2, [6, 1], 18, 13 },
        { 3, [3, 4], 15, 15 },
        { 3, [6, 4], 120, 120 },
        { 3, [7, 5], 312, 312 },      // p = (2, 2, 3): 12 * 26
        { 3, [6, 2], 32, 32 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Activation_regions_match_equation_6(int n0, int[] widths, long expected, long linear)
    {
        var network = Expected.Build("montufar", n0, widths);
        Expected.ActivationCountHolds(network, expected, samples: 100_000 * n0, vertexCensus: widths[^1] >= n0);
        Assert.Equal(linear, (long)Expected.LinearRegions(network));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Linear_regions_match_the_merge_count(int n0, int[] widths, long expected, long linear)
    {
        if (n0 > 2) return;
        var census = LinearCensus.Of(Expected.Build("montufar", n0, widths), grid: n0 == 1 ? 4000 : 300);
        Assert.Equal(expected, census.ActivationRegions);
        Assert.Equal(linear, census.LinearRegions);
    }

    [Fact]
    public void A_deep_one_dimensional_network_realises_every_piece()
    {
        // 5 * 5 * 5 = 125 fold pieces with 4 regions each.
        var census = LinearCensus.Of(Expected.Build("montufar", 1, [5, 5, 5, 3]), grid: 20_000);
        Assert.Equal(500, census.ActivationRegions);
        Assert.Equal(500, census.LinearRegions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void The_alternating_sum_of_a_group_folds_the_unit_interval_p_times(int p)
    {
        // Layer 1 of montufar n0 = 1 with widths [p, 2] is one group; its alternating sum must follow the appendix:
        // on (k-1, k) in x = p y it is x + 2 sum_{i=1}^{k-1} (-1)^i (x - i), running monotonically between 0 and 1.
        var network = Expected.Build("montufar", 1, [p, 2]);
        var fold = new Interpreter(new Kernel.Model.Network(1, [network.Layers[0]]));
        for (var s = 0; s <= 1000; s++)
        {
            var y = s / 1000.0;
            var h = fold.Forward([y]);
            var sum = h.Select((v, k) => k % 2 == 0 ? v : -v).Sum();
            var x = p * y;
            var k = Math.Clamp((int)Math.Ceiling(x), 1, p);
            var appendix = x + 2 * Enumerable.Range(1, k - 1).Sum(i => (i % 2 == 0 ? 1 : -1) * (x - i));
            Assert.Equal(appendix, sum, 12);
            Assert.InRange(sum, -1e-12, 1 + 1e-12);
        }
    }

    [Fact]
    public void Bad_parameters_are_refused_with_a_reason()
    {
        Assert.Contains("fewer than n0", Assert.Throws<InvalidRequestException>(() => Expected.Build("montufar", 2, [1, 3])).Message);
        Assert.Equal("rank", Assert.Throws<InvalidRequestException>(() => Expected.Build("montufar", 2, [4, 3], rank: 2)).Field);
        Assert.Equal("widths", Assert.Throws<InvalidRequestException>(() => Expected.Build("montufar", 2)).Field);
        Assert.Contains("pieces", Assert.Throws<InvalidRequestException>(() => Expected.Build("montufar", 1, [2000, 2000, 2000, 2])).Message);
    }
}
