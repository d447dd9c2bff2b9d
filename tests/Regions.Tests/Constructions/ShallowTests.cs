using Regions.Kernel;

namespace Regions.Tests.Constructions;

public class ShallowTests
{
    [Theory]
    [InlineData(1, 1, 2, 2_000)]
    [InlineData(1, 3, 4, 2_000)]
    [InlineData(2, 1, 2, 10_000)]
    [InlineData(2, 2, 4, 10_000)]
    [InlineData(2, 3, 7, 20_000)]
    [InlineData(2, 5, 16, 50_000)]
    [InlineData(2, 12, 79, 100_000)]
    [InlineData(3, 2, 4, 20_000)]
    [InlineData(3, 3, 8, 50_000)]
    [InlineData(3, 5, 26, 100_000)]
    [InlineData(3, 8, 93, 200_000)]
    [InlineData(4, 6, 57, 200_000)]
    public void Every_region_of_the_arrangement_meets_the_box(int n0, int n1, long expected, int samples)
    {
        // sum_{j<=n0} C(n1, j) by hand; below n0 hyperplanes (n1 < n0) it is 2^n1 and there are no vertices to visit.
        var network = Expected.Build("shallow", n0, [n1]);
        Expected.ActivationCountHolds(network, expected, samples, vertexCensus: n1 >= n0);
        Assert.Equal(expected, (long)Expected.LinearRegions(network));
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(2, 40)]
    [InlineData(3, 8)]
    [InlineData(4, 9)]
    public void All_vertices_lie_strictly_inside_the_domain(int n0, int n1)
    {
        var network = Expected.Build("shallow", n0, [n1]);
        var box = RegionCensus.DomainOf(network);
        var layer = network.Layers[0];
        var vertices = 0;
        foreach (var subset in RegionCensus.Subsets(n1, n0))
        {
            var vertex = RegionCensus.Solve(subset.Select(u => layer.Row(u).ToArray()).ToArray(), subset.Select(u => -layer.Biases[u]).ToArray());
            Assert.NotNull(vertex);
            for (var i = 0; i < n0; i++) Assert.InRange(vertex[i], box.Lower[i] + 0.05 * box.Width(i), box.Upper[i] - 0.05 * box.Width(i));
            vertices++;
        }
        Assert.Equal((long)Theory.Constructions.RegionCounting.Binomial(n1, n0), vertices);
        Assert.Equal(vertices, network.Meta!["hiddenLayer"]!["vertices"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(1, 4, 5)]
    [InlineData(2, 5, 16)]
    [InlineData(2, 12, 79)]
    public void Linear_regions_equal_activation_regions(int n0, int n1, int expected)
    {
        var census = LinearCensus.Of(Expected.Build("shallow", n0, [n1]), grid: n0 == 1 ? 2000 : 300);
        Assert.Equal(expected, census.ActivationRegions);
        Assert.Equal(expected, census.LinearRegions);
        Assert.Equal(expected, census.DistinctMaps);
    }

    [Fact]
    public void Bad_parameters_are_refused_with_a_reason()
    {
        Assert.Contains("one hidden layer", Assert.Throws<InvalidRequestException>(() => Expected.Build("shallow", 2, [3, 3])).Message);
        Assert.Equal("widths", Assert.Throws<InvalidRequestException>(() => Expected.Build("shallow", 2)).Field);
        Assert.Equal("rank", Assert.Throws<InvalidRequestException>(() => Expected.Build("shallow", 2, [3], rank: 2)).Field);
        Assert.Contains("at least 1", Assert.Throws<InvalidRequestException>(() => Expected.Build("shallow", 0, [3])).Message);
        Assert.Contains("at least 1", Assert.Throws<InvalidRequestException>(() => Expected.Build("shallow", 2, [0])).Message);
        // C(2001, 2) = 2,001,000 vertices: more than can be verified.
        Assert.Contains("vertices", Assert.Throws<InvalidRequestException>(() => Expected.Build("shallow", 2, [2001])).Message);
    }
}
