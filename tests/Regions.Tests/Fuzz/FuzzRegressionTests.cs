using Regions.Grains.Jobs;
using Regions.Kernel.Model;
using Regions.Tests.Exact;

namespace Regions.Tests.Fuzz;

/// <summary>Every case the fuzzing ever failed on, with what it found, kept so the fault cannot come back.</summary>
public sealed class FuzzRegressionTests
{
    /// <summary>
    /// 2026-12-03, seed 20261203 x30: two regions whose output is one constant met across a facet, but a map
    /// updated incrementally kept a residue of 1e-17 in a gradient whose terms were all zero, so the merge
    /// was seen with 2 cells (38 linear regions) and not with 1 (39).
    /// </summary>
    [Fact]
    public void Hardtanh_regions_with_one_constant_output_merge_at_every_cell_count()
    {
        var c = new FuzzCase(131525747, 3, 3, Activation.HardTanh, Degeneracy.None);
        var network = c.Build();
        Assert.Equal(39, ExactTestSupport.Exact(network, c.Box));
        foreach (var cells in new[] { 1, 2, 3, 8 }) Assert.Equal(38, ExactTestSupport.Exact(network, c.Box, cells, RegionDefinition.Linear));
    }
}
