using Regions.Drawing;
using Regions.Kernel.Geometry;
using Regions.Kernel.Statistics;
using Regions.Tests.Support;

namespace Regions.Tests.Statistics;

/// <summary>The statistics' boundary pieces against the map's own zero-set rule, which draws one segment per crossed region.</summary>
public sealed class BoundaryCrossCheckTests
{
    [Theory]
    [InlineData(51UL)]
    [InlineData(52UL)]
    [InlineData(53UL)]
    public void Boundary_pieces_are_the_segments_the_map_draws(ulong seed)
    {
        var network = TestNetworks.Random(seed, 2, [8, 6]);
        var box = Box.Cube(2, -1, 1);
        var regions = StatisticsSupport.Shapes(network, box);
        // Random weights put no vertex on the zero set, where the two rules (ties left out, f <= 0 as one side) could differ.
        var drawn = regions.Count(r => ZeroSet.Clip(r.Region.Polygon!, r.Region.Outputs[0]) is not null);
        Assert.True(drawn > 0, "the zero set crosses the box");
        Assert.Equal(drawn, RegionStatistics.Of(regions, box, 1).BoundaryPieces);
    }
}
