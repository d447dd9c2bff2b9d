using Regions.Kernel;

namespace Regions.Tests.Constructions;

public class MaxoutTests
{
    [Theory]
    [InlineData(1, 1, 2, 2)]
    [InlineData(1, 2, 2, 4)]
    [InlineData(1, 3, 3, 12)]
    [InlineData(2, 1, 3, 9)]
    [InlineData(2, 2, 2, 16)]
    [InlineData(2, 3, 3, 144)]
    [InlineData(3, 2, 2, 64)]
    [InlineData(3, 1, 4, 64)]
    public void Activation_regions_are_two_to_the_n0_per_fold_times_k_to_the_n0(int n0, int depth, int k, long expected)
    {
        // 2^{n0 (L-1)} k^{n0} by hand. Every region is a box at least 1/(2^{L-1} k) wide on each side, so sampling saturates.
        var network = Expected.Build("maxout", n0, Enumerable.Repeat(n0, depth).ToArray(), rank: k);
        Expected.ActivationCountHolds(network, expected, samples: 100_000, vertexCensus: false);
        Assert.Equal(expected, (long)Expected.LinearRegions(network));
    }

    [Theory]
    [InlineData(1, 3, 3, 12)]
    [InlineData(2, 2, 3, 36)]
    [InlineData(2, 3, 2, 64)]
    public void Linear_regions_equal_activation_regions(int n0, int depth, int k, int expected)
    {
        var census = LinearCensus.Of(Expected.Build("maxout", n0, Enumerable.Repeat(n0, depth).ToArray(), rank: k), grid: n0 == 1 ? 2000 : 300);
        Assert.Equal(expected, census.ActivationRegions);
        Assert.Equal(expected, census.LinearRegions);
        Assert.Equal(expected, census.DistinctMaps);
    }

    [Theory]
    [InlineData(1, 2, 2, true, 4)]     // k <= 2^n0: k^{L-1} k^{n0} = 2 * 2
    [InlineData(1, 2, 3, false, 9)]    // n0 = 1, k >= 3: the bound 3 * 3 is false (no width-1 network gets there; this one has 2 * 3)
    [InlineData(2, 2, 4, true, 64)]
    [InlineData(2, 2, 5, true, 125)]   // k > 2^n0: built by the rotation construction (250 regions)
    [InlineData(3, 2, 8, true, 4096)]  // 2 n0 < k = 2^n0: the absolute values reach it exactly (2^3 * 8^3)
    public void The_theorem_bound_is_recorded_with_whether_it_applies(int n0, int depth, int k, bool applies, long bound)
    {
        var meta = Expected.Build("maxout", n0, Enumerable.Repeat(n0, depth).ToArray(), rank: k).Meta!;
        Assert.Equal(applies, meta["theorem9Applies"]!.GetValue<bool>());
        Assert.Equal(bound, meta["theorem9Bound"]!.GetValue<long>());
        if (applies) Assert.True(Expected.ActivationRegions(Expected.Build("maxout", n0, Enumerable.Repeat(n0, depth).ToArray(), rank: k)) >= bound);
    }

    [Fact]
    public void Bad_parameters_are_refused_with_a_reason()
    {
        Assert.Equal("rank", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout", 2, [2, 2])).Field);
        Assert.Contains("at least 2", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout", 2, [2, 2], rank: 1)).Message);
        Assert.Contains("width n0", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout", 2, [2, 3], rank: 2)).Message);
        Assert.Contains("pieces", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout", 1, Enumerable.Repeat(1, 40).ToArray(), rank: 2)).Message);
    }
}
