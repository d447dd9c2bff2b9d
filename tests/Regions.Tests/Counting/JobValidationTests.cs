using Regions.Grains.Jobs;
using Regions.Kernel;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Counting;

/// <summary>A job is refused before it exists when a cell could not be computed (a poison job would fail on every silo).</summary>
public class JobValidationTests
{
    [Fact]
    public void A_box_wider_than_a_double_can_hold_is_refused_when_parsed()
    {
        var error = Assert.Throws<FormatException>(() => Box.Parse("-1e308:1e308", 2));
        Assert.Contains("wider than a double can hold", error.Message);
        Assert.Throws<ArgumentException>(() => Box.Cube(2, -1e308, 1e308));
    }

    [Fact]
    public void A_side_too_narrow_for_its_cells_is_refused_and_one_cell_still_works()
    {
        var network = TestNetworks.Random(1, 2, [4]);
        var narrow = new CountJob(network, Box.Cube(2, 0, 5e-324), CountMethod.Sample, 1000, 4, 0, SamplerKind.Random);
        var error = Assert.Throws<InvalidRequestException>(() => narrow.Validated());
        Assert.StartsWith("side 1 of the box (0 to 5E-324) is too narrow", error.Message);
        var one = narrow with { Cells = 1 };
        Assert.Same(one, one.Validated());
    }
}
