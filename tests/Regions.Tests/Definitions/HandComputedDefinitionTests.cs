using Regions.Kernel.Geometry;

namespace Regions.Tests.Definitions;

/// <summary>
/// Small networks whose counts under each notion are worked out by hand, each separating two notions:
/// (patterns R1, activation R2, linear R4, affine R6). A unit on its boundary is off (z &gt; 0 is on).
/// </summary>
public sealed class HandComputedDefinitionTests
{
    private static readonly Box Interval = Box.Cube(1, -1, 1);
    private static readonly Box Square = Box.Cube(2, -1, 1);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void One_hyperplane_twice_with_opposite_orientations_leaves_a_pattern_on_the_hyperplane(int cells)
    {
        // z1 = x, z2 = -x: (1, 0) for x > 0, (0, 1) for x < 0, and (0, 0) at x = 0 only; f = |x|, two maps.
        var network = DefinitionCounts.Relu(1, [[1], [-1]], [0, 0], [1, 1]);
        Assert.Equal((3L, 2L, 2L, 2L), DefinitionCounts.All(network, Interval, cells));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void In_the_plane_the_two_opposite_units_leave_a_pattern_on_their_line(int cells)
    {
        var network = DefinitionCounts.Relu(2, [[1, 0], [-1, 0]], [0, 0], [1, 1]);
        Assert.Equal((3L, 2L, 2L, 2L), DefinitionCounts.All(network, Square, cells));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Two_such_pairs_leave_four_patterns_on_the_axes_and_one_at_the_origin_only(int cells)
    {
        // relu(x), relu(-x), relu(y), relu(-y): four quadrants; each half-axis has one pair both off (4 patterns);
        // the origin has all four off. f = |x| + |y| has four distinct maps. The 2 x 2 cells meet on the axes.
        var network = DefinitionCounts.Relu(2, [[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0], [1, 1, 1, 1]);
        Assert.Equal((9L, 4L, 4L, 4L), DefinitionCounts.All(network, Square, cells));
    }

    [Fact]
    public void On_a_plane_through_more_inputs_the_faces_are_those_of_the_slice()
    {
        // The same four units reading inputs 1 and 2 of three, counted on the plane x3 = 0.25 through those axes.
        var network = DefinitionCounts.Relu(3, [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0]], [0, 0, 0, 0], [1, 1, 1, 1]);
        var plane = new AffineSlice([0, 0, 0.25], [[1, 0, 0], [0, 1, 0]]);
        Assert.Equal((9L, 4L, 4L, 4L), DefinitionCounts.All(network, Square, 1, plane));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Adjacent_regions_with_one_map_are_one_linear_region(int cells)
    {
        // z1 = x splits [-1, 1] at 0 but the output ignores it; f = relu(x - 0.5): maps 0, 0, x - 0.5 on three
        // regions. At x = 0 the pattern is (0, 0), at x = 0.5 it is (1, 0): both already full-dimensional.
        var network = DefinitionCounts.Relu(1, [[1], [1]], [0, -0.5], [0, 1]);
        Assert.Equal((3L, 3L, 2L, 2L), DefinitionCounts.All(network, Interval, cells));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Non_adjacent_regions_with_one_map_are_one_affine_map_only(int cells)
    {
        // relu(x) - 2 relu(x - 1) + relu(x - 2) on [-1, 3]: 0, x, 2 - x, 0. The two zero pieces are far apart.
        var network = DefinitionCounts.Relu(1, [[1], [1], [1]], [0, -1, -2], [1, -2, 1]);
        Assert.Equal((4L, 4L, 4L, 3L), DefinitionCounts.All(network, new Box([-1], [3]), cells));
    }
}
