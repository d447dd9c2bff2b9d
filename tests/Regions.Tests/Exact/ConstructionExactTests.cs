using Regions.Grains.Jobs;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Theory.Constructions;

namespace Regions.Tests.Exact;

/// <summary>The papers' constructions reach their formulas exactly inside their domains.</summary>
public sealed class ConstructionExactTests
{
    [Theory]
    [InlineData("shallow", 2, new[] { 8 }, 0)]
    [InlineData("pascanu-2n0", 2, new[] { 4, 4 }, 0)]
    [InlineData("pascanu-2n0", 2, new[] { 4, 4, 4 }, 0)]
    [InlineData("montufar", 2, new[] { 4, 4, 3 }, 0)]
    [InlineData("montufar", 1, new[] { 6, 6, 6 }, 0)]
    [InlineData("montufar", 1, new[] { 3, 3, 3, 3 }, 0)]
    [InlineData("maxout", 2, new[] { 2, 2 }, 3)]
    [InlineData("maxout-rotation", 2, new[] { 2, 2 }, 3)]      // every fan's apex is the domain's centre, a corner of 4 cells
    [InlineData("maxout-rotation", 2, new[] { 2, 2, 2 }, 5)]
    [InlineData("shi", 3, new[] { 3 }, 3)]
    [InlineData("catalan", 3, new[] { 3 }, 4)]
    [InlineData("shallow", 3, new[] { 6 }, 0)]
    public void Activation_regions_equal_the_meta_count_for_any_number_of_cells(string name, int inputs, int[] widths, int rank)
    {
        var network = NetworkConstructions.Build(name, new ConstructionRequest(inputs, widths, rank == 0 ? null : rank));
        var domain = MetaDomain.Read(network)!;
        var expected = long.Parse(network.Meta!["expectedActivationRegions"]!.ToString());
        Assert.Equal(expected, ExactTestSupport.Exact(network, domain, cells: 1));
        // Cell faces fall exactly on the constructions' fold lines here: the count must not change.
        Assert.Equal(expected, ExactTestSupport.Exact(network, domain, cells: 4));
        Assert.Equal(expected, ExactTestSupport.Exact(network, domain, cells: 6));
    }

    [Theory]
    [InlineData("shallow", 2, new[] { 8 }, 0)]
    [InlineData("pascanu-2n0", 2, new[] { 4, 4 }, 0)]
    [InlineData("montufar", 2, new[] { 4, 4, 3 }, 0)]
    [InlineData("montufar", 1, new[] { 6, 6, 6 }, 0)]
    [InlineData("maxout", 2, new[] { 2, 2 }, 3)]
    [InlineData("maxout-rotation", 2, new[] { 2, 2 }, 3)]
    [InlineData("maxout-rotation", 2, new[] { 2, 2, 2 }, 5)]
    [InlineData("shi", 3, new[] { 3 }, 3)]
    [InlineData("catalan", 3, new[] { 3 }, 4)]
    [InlineData("shallow", 3, new[] { 6 }, 0)]
    public void Linear_regions_equal_the_meta_count_for_any_number_of_cells(string name, int inputs, int[] widths, int rank)
    {
        var network = NetworkConstructions.Build(name, new ConstructionRequest(inputs, widths, rank == 0 ? null : rank));
        var domain = MetaDomain.Read(network)!;
        var expected = long.Parse(network.Meta!["expectedLinearRegions"]!.ToString());
        Assert.Equal(expected, ExactTestSupport.Exact(network, domain, 1, RegionDefinition.Linear));
        Assert.Equal(expected, ExactTestSupport.Exact(network, domain, 4, RegionDefinition.Linear));
    }
}
