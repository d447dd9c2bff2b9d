using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Tests.Support;

namespace Regions.Tests.Exact;

/// <summary>
/// The n-D benchmark network of issue 15 (tests/fixtures/nd, PyTorch's default init, seed 0; made by
/// tools/nd-fixtures/make.py): the polytope path's count stays the one measured before its speed-ups, whatever
/// the cells, and holds every pattern sampling finds.
/// </summary>
public sealed class TorchFixtureTests
{
    /// <summary>The count the issue quoted and the enumerator gave before the split kept its masks (20,724).</summary>
    private const long Regions3D = 20_724;

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void The_3_32_32_32_network_has_its_known_count_in_any_cells(int cells)
    {
        var network = NetworkReader.Load(Path.Combine(Fixtures.Repository(), "tests", "fixtures", "nd", "torch_3-32-32-32.json"));
        Assert.Equal(Regions3D, ExactTestSupport.Exact(network, Box.Cube(3, -1, 1), cells));
    }

    [Fact]
    public void Every_sampled_pattern_of_the_3_32_32_32_network_is_an_exact_region()
    {
        var network = NetworkReader.Load(Path.Combine(Fixtures.Repository(), "tests", "fixtures", "nd", "torch_3-32-32-32.json"));
        var box = Box.Cube(3, -1, 1);
        var exact = ExactTestSupport.ExactFingerprints(network, box, cells: 4);
        var sampled = ExactTestSupport.Sampled(network, box, 50_000, 5);
        Assert.Equal(Regions3D, exact.Count);
        Assert.Subset(exact, sampled);
        // Fifty thousand points in twenty thousand regions find a good share of them, not a handful.
        Assert.True(sampled.Count > Regions3D / 4, $"only {sampled.Count} sampled patterns");
    }
}
