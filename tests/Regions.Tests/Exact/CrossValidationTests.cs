using Regions.Kernel.Evaluation;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Exact;

/// <summary>Every exact method against the others and against dense sampling, on seeded random networks.</summary>
public sealed class CrossValidationTests
{
    public static TheoryData<int, int, int, string> Networks()
    {
        var data = new TheoryData<int, int, int, string>();
        for (var depth = 1; depth <= 4; depth++)
        {
            foreach (var activation in new[] { "relu", "maxout" })
            {
                for (var seed = 1; seed <= 2; seed++) data.Add(seed * 10 + depth, depth, activation == "maxout" ? 3 : 6, activation);
            }
        }
        return data;
    }

    private static Network Net(int seed, int inputs, int depth, int width, string activation) =>
        TestNetworks.Random((ulong)seed, inputs, Enumerable.Repeat(width, depth).ToArray(),
            activation == "maxout" ? Activation.Maxout : Activation.Relu, rank: 3);

    private static HashSet<UInt128> Set(CellEnumeration e) => e.Regions.Select(r => r.Fingerprint).ToHashSet();

    [Theory]
    [MemberData(nameof(Networks))]
    public void Two_inputs_the_polygon_method_equals_the_polytope_method(int seed, int depth, int width, string activation)
    {
        var network = Net(seed, 2, depth, width, activation);
        var box = Box.Cube(2, -1, 1);
        var plane = new PlaneEnumerator(network, AffineSlice.Identity(2), box).Enumerate(box, false, default);
        var polytope = new BoxEnumerator(network).Enumerate(box, false, default);
        Assert.Equal(Set(plane), Set(polytope));
        Assert.Equal(plane.Regions.Count, Set(plane).Count);   // one piece per pattern in a cell
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void One_input_the_breakpoint_method_equals_the_polytope_method(int seed, int depth, int width, string activation)
    {
        var network = Net(seed, 1, depth, width, activation);
        var box = Box.Cube(1, -2, 2);
        var segment = new SegmentEnumerator(network, AffineSlice.Identity(1), box).Enumerate(box, false, default);
        var polytope = new BoxEnumerator(network).Enumerate(box, false, default);
        Assert.Equal(Set(segment), Set(polytope));
        // The intervals tile the segment.
        var intervals = segment.Regions.Select(r => r.Interval!.Value).OrderBy(i => i.T0).ToArray();
        Assert.Equal(-2, intervals[0].T0);
        Assert.Equal(2, intervals[^1].T1);
        for (var i = 1; i < intervals.Length; i++) Assert.Equal(intervals[i - 1].T1, intervals[i].T0, 12);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Polygons_tile_the_box_and_every_region_is_where_the_interpreter_says(int seed, int depth, int width, string activation)
    {
        var network = Net(seed, 2, depth, width, activation);
        var box = Box.Cube(2, -1, 1);
        var regions = new PlaneEnumerator(network, AffineSlice.Identity(2), box).Enumerate(box, false, default).Regions;
        Assert.Equal(4.0, regions.Sum(r => Area(r.Polygon!)), 9);
        var interpreter = new Interpreter(network);
        foreach (var r in regions)
        {
            Assert.True(Area(r.Polygon!) > 0, "every polygon is counter-clockwise with positive area");
            Assert.Equal(r.Fingerprint, Fingerprint.Of(interpreter.Pattern(r.InteriorPoint)));
            Assert.Equal(interpreter.Forward(r.InteriorPoint)[0], r.Outputs[0].At(r.InteriorPoint), 9);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Dense_sampling_finds_a_subset_of_the_exact_regions_and_every_region_of_visible_size(int seed, int depth, int width, string activation)
    {
        var network = Net(seed, 2, depth, width, activation);
        var box = Box.Cube(2, -1, 1);
        var regions = new PlaneEnumerator(network, AffineSlice.Identity(2), box).Enumerate(box, false, default).Regions;
        var sampled = ExactTestSupport.Sampled(network, box, 200_000, (ulong)seed);
        Assert.Subset(regions.Select(r => r.Fingerprint).ToHashSet(), sampled);
        // A region covering 1/1000 of the box escapes 200,000 uniform points with probability e^-200.
        foreach (var r in regions.Where(r => Area(r.Polygon!) > 4e-3)) Assert.Contains(r.Fingerprint, sampled);
    }

    [Theory]
    [InlineData(3, 1, 8, "relu")]
    [InlineData(3, 2, 6, "relu")]
    [InlineData(3, 3, 5, "relu")]
    [InlineData(4, 2, 5, "relu")]
    [InlineData(4, 4, 3, "relu")]
    [InlineData(3, 2, 3, "maxout")]
    [InlineData(4, 2, 2, "maxout")]
    public void More_inputs_the_polytope_method_contains_the_sampled_regions_and_splits_cleanly(int inputs, int depth, int width, string activation)
    {
        var network = Net(inputs * 100 + depth, inputs, depth, width, activation);
        var box = Box.Cube(inputs, -1, 1);
        var enumerator = new BoxEnumerator(network);
        var whole = enumerator.Enumerate(box, false, default);
        var exact = Set(whole);
        Assert.Equal(whole.Regions.Count, exact.Count);
        Assert.Subset(exact, ExactTestSupport.Sampled(network, box, 100_000, 7));
        var interpreter = new Interpreter(network);
        foreach (var r in whole.Regions) Assert.Equal(r.Fingerprint, Fingerprint.Of(interpreter.Pattern(r.InteriorPoint)));
        // The regions of the halves of the box, along every axis, are those of the whole box.
        for (var axis = 0; axis < inputs; axis++)
        {
            var (lower, upper) = Halves(box, axis);
            var union = Set(enumerator.Enumerate(lower, false, default));
            union.UnionWith(Set(enumerator.Enumerate(upper, false, default)));
            Assert.Equal(exact, union);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void The_count_does_not_depend_on_the_cells(int inputs, int depth)
    {
        var network = Net(inputs + 40, inputs, depth, 5, "relu");
        var box = Box.Cube(inputs, -1, 1);
        var one = ExactTestSupport.ExactFingerprints(network, box, 1);
        foreach (var cells in new[] { 2, 7, 16 }) Assert.Equal(one, ExactTestSupport.ExactFingerprints(network, box, cells));
    }

    [Fact]
    public void A_segment_meets_regions_of_the_plane_it_lies_in()
    {
        var network = Net(77, 2, 3, 8, "relu");
        var box = Box.Cube(2, -1, 1);
        var plane = Set(new PlaneEnumerator(network, AffineSlice.Identity(2), box).Enumerate(box, false, default));
        var (slice, range) = AffineSlice.ParseSegment("-1,-0.5:2,1.3:0:1", 2);
        var segment = new SegmentEnumerator(network, slice, range).Enumerate(range, false, default);
        Assert.Subset(plane, Set(segment));
        Assert.Subset(Set(segment), ExactTestSupport.Sampled(network, range, 100_000, 3, slice));
        Assert.True(segment.Regions.Count > 3);
    }

    internal static double Area(IReadOnlyList<(double U, double V)> polygon)
    {
        var sum = 0.0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            sum += a.U * b.V - b.U * a.V;
        }
        return sum / 2;
    }

    private static (Box, Box) Halves(Box box, int axis)
    {
        var middle = (box.Lower[axis] + box.Upper[axis]) / 2;
        var upperOfLower = (double[])box.Upper.Clone();
        upperOfLower[axis] = middle;
        var lowerOfUpper = (double[])box.Lower.Clone();
        lowerOfUpper[axis] = middle;
        return (new Box(box.Lower, upperOfLower), new Box(lowerOfUpper, box.Upper));
    }
}
