using Regions.Drawing;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

namespace Regions.Tests.Pictures;

/// <summary>
/// The strips a picture's rectangle is enumerated in, glued back: the same regions as the rectangle enumerated as one
/// cell, each one polygon with the same corners and area.
/// </summary>
public sealed class PlaneStripsTests
{
    public static TheoryData<string, int, int[], double, double> Networks => new()
    {
        // 150 lines through the square: 11,326 regions, many crossing every strip.
        { "shallow", 2, [150], -1, 1 },
        { "random", 2, [16, 16, 16], -1, 1 },
        { "montufar", 2, [4, 4, 4], 0, 1 },
        { "pascanu-2n0", 2, [4, 4], 0, 1 },
        // A window off-centre, so that the strips' lines are no round numbers.
        { "random", 2, [24, 24], -0.3, 0.77 },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Glued_strips_are_the_regions_of_one_cell_with_their_corners_and_areas(string name, int inputs, int[] widths, double low, double high)
    {
        var network = NetworkConstructions.Build(name, new ConstructionRequest(inputs, widths, null, 1));
        var slice = AffineSlice.Identity(2);
        var box = Box.Cube(2, low, high);
        var whole = new PlaneEnumerator(network, slice, box).Enumerate(box, linearMerges: false, CancellationToken.None);
        var glued = PlaneStrips.Enumerate(network, slice, box, linear: false, int.MaxValue, CancellationToken.None)!;

        Assert.Equal(whole.Regions.Count, glued.Regions.Count);
        var byFingerprint = whole.Regions.ToDictionary(r => r.Fingerprint);
        var scale = high - low;
        foreach (var region in glued.Regions)
        {
            Assert.True(byFingerprint.TryGetValue(region.Fingerprint, out var one), "a glued region that one cell does not have");
            var (a, b) = (region.Polygon!, one.Polygon!);
            Assert.Equal(Area(b), Area(a), 1e-12 * scale * scale);
            // The same corners: every corner of one polygon is a corner of the other (no point left on the strips' lines).
            Assert.True(a.Count == b.Count, $"{a.Count} corners glued, {b.Count} in one cell");
            foreach (var p in a) Assert.Contains(b, q => Math.Abs(p.U - q.U) + Math.Abs(p.V - q.V) <= 1e-12 * scale);
        }
        // Some regions really were glued, or the test would not test the gluing (the Montufar construction's folds lie
        // on the strips' lines: there, no region crosses one, and the regions with an edge on a line are checked).
        if (name == "montufar") return;
        var cuts = Enumerable.Range(1, PlaneStrips.Strips - 1).Select(s => low + (high - low) * s / PlaneStrips.Strips).ToArray();
        Assert.Contains(glued.Regions, r => r.Polygon!.Min(p => p.U) < cuts[0] && r.Polygon!.Max(p => p.U) > cuts[0]);
    }

    [Fact]
    public void Linear_regions_of_glued_strips_are_those_of_one_cell()
    {
        var network = NetworkConstructions.Build("montufar", new ConstructionRequest(2, [4, 4, 4]));
        var box = Box.Cube(2, 0, 1);
        var strips = PlaneRegions.Enumerate(network, AffineSlice.Identity(2), box, new MapPartition(true, null), int.MaxValue)!;
        var one = EmbeddedCount(network, box);
        Assert.Equal(one, strips.Count);
    }

    [Fact]
    public void Over_the_budget_the_picture_is_refused_whatever_strip_holds_the_regions()
    {
        var network = NetworkConstructions.Build("shallow", new ConstructionRequest(2, [150]));
        Assert.Null(PlaneRegions.Enumerate(network, AffineSlice.Identity(2), Box.Cube(2, -1, 1), MapPartition.Activation, 11_325));
        Assert.Equal(11_326, PlaneRegions.Enumerate(network, AffineSlice.Identity(2), Box.Cube(2, -1, 1), MapPartition.Activation, 11_326)!.Count);
    }

    [Fact]
    public void Two_squares_meeting_on_a_cut_are_one_polygon_without_the_cut_points()
    {
        (double U, double V)[] left = [(0, 0), (1, 0), (1, 1), (0, 1)];
        (double U, double V)[] right = [(1, 0), (2, 0), (2, 1), (1, 1)];
        (double U, double V)[] rectangle = [(0, 1), (0, 0), (2, 0), (2, 1)];
        Assert.Equal(rectangle, PlaneStrips.Join(left, right, 1, 1e-12)!);
        // A corner on the cut stays: the triangle's apex.
        (double U, double V)[] lower = [(0, 0), (1, 0), (1, 1)];
        (double U, double V)[] upper = [(1, 0), (2, 0), (1, 1)];
        (double U, double V)[] triangle = [(1, 1), (0, 0), (2, 0)];
        Assert.Equal(triangle, PlaneStrips.Join(lower, upper, 1, 1e-12)!);
        // No edge on the cut: nothing to glue.
        Assert.Null(PlaneStrips.Join(left, [(3, 0), (4, 0), (4, 1)], 1, 1e-12));
    }

    private static long EmbeddedCount(Network network, Box box) =>
        Regions.Grains.Embedded.EmbeddedRunner.Run(new Regions.Grains.Jobs.CountJob(network, box, Regions.Grains.Jobs.CountMethod.Exact, 0, 1, 0,
            Regions.Grains.Jobs.SamplerKind.Random) { Definition = Regions.Grains.Jobs.RegionDefinition.Linear }).Regions;

    private static double Area(IReadOnlyList<(double U, double V)> polygon)
    {
        double twice = 0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            twice += a.U * b.V - b.U * a.V;
        }
        return Math.Abs(twice) / 2;
    }
}
