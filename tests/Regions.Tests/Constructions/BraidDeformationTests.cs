using Regions.Kernel;
using Regions.Kernel.Evaluation;

namespace Regions.Tests.Constructions;

public class BraidDeformationTests
{
    [Theory]
    [InlineData("shi", 2, 3)]        // (n+1)^{n-1}
    [InlineData("shi", 3, 16)]
    [InlineData("shi", 4, 125)]
    [InlineData("catalan", 2, 4)]    // n! C_n
    [InlineData("catalan", 3, 30)]
    [InlineData("catalan", 4, 336)]
    public void Every_region_of_the_arrangement_meets_the_box(string name, int n, long expected)
    {
        var network = Expected.Build(name, n);
        var box = RegionCensus.DomainOf(network);
        Assert.All(box.Lower, lo => Assert.Equal(-0.5, lo));
        Assert.All(box.Upper, hi => Assert.Equal(n - 0.5, hi));
        Expected.ActivationCountHolds(network, expected, samples: 400_000, vertexCensus: false);
        Assert.Equal(expected, (long)Expected.LinearRegions(network));
    }

    [Theory]
    [InlineData("shi", new[] { 0.0, 1.0 })]
    [InlineData("catalan", new[] { -1.0, 0.0, 1.0 })]
    public void A_unit_switches_exactly_on_its_hyperplanes(string name, double[] breakpoints)
    {
        var network = Expected.Build(name, 2);
        var interpreter = new Interpreter(network);
        var switches = new List<double>();
        var previous = RegionCensus.PatternAt(interpreter, [-3.0, 0]);
        for (var s = 1; s <= 6000; s++)
        {
            var t = -3 + s / 1000.0 + 0.0003;
            var pattern = RegionCensus.PatternAt(interpreter, [t, 0]);
            if (pattern != previous) switches.Add(Math.Round(t, 2));
            previous = pattern;
        }
        Assert.Equal(breakpoints, switches);
    }

    [Theory]
    [InlineData("shi", 3)]
    [InlineData("catalan", 4)]
    public void Linear_regions_equal_activation_regions_in_the_plane(string name, int expected)
    {
        var census = LinearCensus.Of(Expected.Build(name, 2), grid: 300);
        Assert.Equal(expected, census.ActivationRegions);
        Assert.Equal(expected, census.LinearRegions);
    }

    [Fact]
    public void Widths_and_rank_are_implied_and_checked()
    {
        Assert.Equal(3, Expected.Build("shi", 3, [3], rank: 3).Layers[0].Units);
        Assert.Equal(4, Expected.Build("catalan", 3, [3], rank: 4).Layers[0].Rank);
        Assert.Contains("n(n-1)/2", Assert.Throws<InvalidRequestException>(() => Expected.Build("shi", 3, [4])).Message);
        Assert.Contains("rank 4", Assert.Throws<InvalidRequestException>(() => Expected.Build("catalan", 3, rank: 3)).Message);
        Assert.Contains("at least 2", Assert.Throws<InvalidRequestException>(() => Expected.Build("shi", 1)).Message);
    }
}
