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
        // One ulp wide: within the supported range, but four cells of it round to empty boxes.
        var side = Box.Cube(2, 1.0, Math.BitIncrement(1.0));
        var narrow = new CountJob(network, side, CountMethod.Sample, 1000, 4, 0, SamplerKind.Random);
        var error = Assert.Throws<InvalidRequestException>(() => narrow.Validated());
        Assert.StartsWith("side 1 of the box (1 to 1.0000000000000002) is too narrow", error.Message);
        var one = narrow with { Cells = 1 };
        Assert.Same(one, one.Validated());
    }

    [Theory]
    [InlineData(0, 5e-324, "narrower than the supported width 1e-150")]
    [InlineData(-1e300, 1e300, "reaches beyond the supported coordinates -1e150..1e150")]
    [InlineData(1e150, 2e150, "reaches beyond the supported coordinates")]
    public void A_box_out_of_the_supported_range_is_refused_however_the_job_was_built(double lower, double upper, string message)
    {
        var job = new CountJob(TestNetworks.Random(1, 2, [4]), Box.Cube(2, lower, upper), CountMethod.Sample, 1000, 1, 0, SamplerKind.Random);
        var error = Assert.Throws<InvalidRequestException>(() => job.Validated());
        Assert.Contains("the box: side 1", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_range_limits_themselves_are_accepted()
    {
        var job = new CountJob(TestNetworks.Random(1, 2, [4]), new Box([-1e150, 0], [1e150, 1e-150]), CountMethod.Sample, 1000, 1, 0, SamplerKind.Random);
        Assert.Same(job, job.Validated());
    }
}
