using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Grains.Merging;
using Regions.Kernel;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Counting;

public class SamplingCounterTests
{
    private static CountJob Job(Network network, Box box, long points = 200_000, int cells = 16, ulong seed = 1, SamplerKind sampler = SamplerKind.Random) =>
        new(network, box, CountMethod.Sample, points, cells, seed, sampler);

    [Fact]
    public void Two_crossing_lines_make_four_regions()
    {
        var layer = new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0]);
        var network = new Network(2, [layer]);
        foreach (var sampler in new[] { SamplerKind.Random, SamplerKind.Lattice })
        {
            var result = EmbeddedRunner.Run(Job(network, Box.Cube(2, -1, 1), sampler: sampler));
            Assert.Equal(4, result.Regions);
            Assert.True(result.IsLowerBound);
        }
    }

    [Fact]
    public void Three_lines_in_general_position_make_seven_regions_and_a_box_can_cut_some_off()
    {
        // x = 0, y = 0, x + y = 1: all 7 regions meet [-1, 2]^2; the unit square [0.1, 0.4]^2 meets only one.
        var network = new Network(2, [new Layer(Activation.Relu, 3, 2, [1, 0, 0, 1, 1, 1], [0, 0, -1])]);
        Assert.Equal(7, EmbeddedRunner.Run(Job(network, Box.Cube(2, -1, 2))).Regions);
        Assert.Equal(1, EmbeddedRunner.Run(Job(network, Box.Cube(2, 0.1, 0.4))).Regions);
    }

    [Fact]
    public void The_count_does_not_depend_on_the_thread_count()
    {
        var network = TestNetworks.Random(5, 2, [16, 16]);
        var job = Job(network, Box.Cube(2, -1, 1), points: 100_000, cells: 10);
        var one = EmbeddedRunner.Run(job, threads: 1);
        var two = EmbeddedRunner.Run(job, threads: 2);
        Assert.Equal(one.Regions, two.Regions);
        Assert.Equal(one.Singletons, two.Singletons);
        Assert.Equal(one.Doubletons, two.Doubletons);
        Assert.Equal(100_000, one.Points);
    }

    [Fact]
    public void More_points_never_see_fewer_regions_with_the_lattice()
    {
        var network = TestNetworks.Random(6, 2, [12, 12]);
        var small = EmbeddedRunner.Run(Job(network, Box.Cube(2, -1, 1), points: 2_000, cells: 1, sampler: SamplerKind.Lattice));
        var large = EmbeddedRunner.Run(Job(network, Box.Cube(2, -1, 1), points: 200_000, cells: 1, sampler: SamplerKind.Lattice));
        // The lattice is a prefix-extensible sequence in one cell, so the large sample contains the small one.
        Assert.True(large.Regions >= small.Regions);
        Assert.True(large.Regions > 10);
    }

    [Fact]
    public void Different_seeds_give_different_samples_but_saturate_to_the_same_count()
    {
        var network = new Network(1, [new Layer(Activation.Relu, 5, 1, [1, 1, 1, 1, 1], [0.5, 0.25, 0, -0.25, -0.5])]);
        var a = EmbeddedRunner.Run(Job(network, Box.Cube(1, -1, 1), points: 10_000, seed: 1));
        var b = EmbeddedRunner.Run(Job(network, Box.Cube(1, -1, 1), points: 10_000, seed: 2));
        Assert.Equal(6, a.Regions);
        Assert.Equal(6, b.Regions);
    }

    [Fact]
    public void Bad_jobs_are_refused_with_a_message()
    {
        var network = TestNetworks.Random(1, 2, [4]);
        Assert.Contains("3 sides", Assert.Throws<InvalidRequestException>(() => EmbeddedRunner.Run(Job(network, Box.Cube(3, 0, 1)))).Message);
        Assert.Contains("cells", Assert.Throws<InvalidRequestException>(() => EmbeddedRunner.Run(Job(network, Box.Cube(2, 0, 1), cells: 0))).Message);
        Assert.Contains("one point per cell", Assert.Throws<InvalidRequestException>(() => EmbeddedRunner.Run(Job(network, Box.Cube(2, 0, 1), points: 5, cells: 10))).Message);
    }

    [Fact]
    public void Chao1_matches_hand_computed_values()
    {
        // S = 10, f1 = 4, f2 = 2: 10 + 16 / 4 = 14.
        var estimate = Chao1.From(10, 4, 2);
        Assert.Equal(14, estimate.Estimate, 12);
        Assert.True(estimate.Lower > 10 && estimate.Lower < 14 && estimate.Upper > 14);
        // f2 = 0: bias-corrected 10 + 4 * 3 / 2 = 16.
        Assert.Equal(16, Chao1.From(10, 4, 0).Estimate, 12);
        // Nothing seen once: nothing unseen.
        Assert.Equal(new Chao1(10, 10, 10), Chao1.From(10, 0, 3));
    }
}
