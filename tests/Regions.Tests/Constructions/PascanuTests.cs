using Regions.Kernel;

namespace Regions.Tests.Constructions;

public class PascanuTests
{
    [Theory]
    [InlineData(1, 1, 3, 2_000)]
    [InlineData(1, 2, 6, 2_000)]
    [InlineData(1, 3, 12, 5_000)]
    [InlineData(2, 1, 11, 50_000)]
    [InlineData(2, 2, 44, 100_000)]
    [InlineData(2, 3, 176, 200_000)]
    [InlineData(3, 1, 42, 100_000)]
    [InlineData(3, 2, 336, 300_000)]
    public void Activation_regions_match_the_theorem(int n0, int k, long expected, int samples)
    {
        // 2^{(k-1) n0} sum_{j<=n0} C(2 n0, j), computed by hand: n0=2 gives 44 (k=2) and 176 (k=3) as in the paper.
        var network = Expected.Build("pascanu-2n0", n0, Enumerable.Repeat(2 * n0, k).ToArray());
        Expected.ActivationCountHolds(network, expected, samples);
        Assert.Equal(expected, (long)Expected.LinearRegions(network));
    }

    [Fact]
    public void Every_fold_cell_holds_a_full_copy_of_the_last_layer()
    {
        var network = Expected.Build("pascanu-2n0", 2, [4, 4, 4]);
        var census = RegionCensus.AroundVertices(network, RegionCensus.DomainOf(network));
        Assert.Equal(16, census.Cells);
        Assert.Equal(16 * 6, census.Vertices); // C(4, 2) vertices per cell, every one inside its cell
        Assert.Equal(0, census.Misplaced);
    }

    [Theory]
    [InlineData(1, 3, 12)]
    [InlineData(2, 2, 44)]
    [InlineData(2, 3, 176)]
    public void Linear_regions_equal_activation_regions_and_every_region_has_its_own_map(int n0, int k, int expected)
    {
        var network = Expected.Build("pascanu-2n0", n0, Enumerable.Repeat(2 * n0, k).ToArray());
        var census = LinearCensus.Of(network, grid: n0 == 1 ? 4000 : 300);
        Assert.Equal(expected, census.ActivationRegions);
        Assert.Equal(0, census.Merges);
        Assert.Equal(expected, census.LinearRegions);
        Assert.Equal(expected, census.DistinctMaps);
    }

    [Fact]
    public void A_deep_one_dimensional_network_realises_every_piece()
    {
        // k = 12: 2^11 fold pieces of width 2^-10, 3 regions each, 6144 in all; the census bisects down to 1e-10.
        var census = LinearCensus.Of(Expected.Build("pascanu-2n0", 1, Enumerable.Repeat(2, 12).ToArray()), grid: 20_000);
        Assert.Equal(6144, census.ActivationRegions);
        Assert.Equal(6144, census.LinearRegions);
    }

    [Theory]
    [InlineData(2, new[] { 4, 3 })]
    [InlineData(2, new[] { 5 })]
    [InlineData(3, new[] { 4, 4 })]
    public void Widths_other_than_twice_the_inputs_are_refused(int n0, int[] widths)
    {
        var error = Assert.Throws<InvalidRequestException>(() => Expected.Build("pascanu-2n0", n0, widths));
        Assert.Contains("2*n0", error.Message);
    }

    [Fact]
    public void Missing_widths_rank_or_too_many_folds_are_refused()
    {
        Assert.Throws<InvalidRequestException>(() => Expected.Build("pascanu-2n0", 2));
        Assert.Throws<InvalidRequestException>(() => Expected.Build("pascanu-2n0", 2, [4, 4], rank: 2));
        var folds = Assert.Throws<InvalidRequestException>(() => Expected.Build("pascanu-2n0", 1, Enumerable.Repeat(2, 32).ToArray()));
        Assert.Contains("pieces", folds.Message);
    }

    [Fact]
    public void Last_layers_too_large_to_verify_are_refused()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Expected.Build("pascanu-2n0", 12, [24, 24]));
        Assert.Contains("vertices", error.Message);
    }
}
