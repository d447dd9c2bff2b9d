using Regions.Kernel.Evaluation;
using Regions.Kernel.Statistics;

namespace Regions.Tests.Statistics;

public sealed class StatisticsPrimitivesTests
{
    [Fact]
    public void Quartiles_interpolate_between_order_statistics()
    {
        var d = Distribution.Of([4, 1, 3, 2]);
        Assert.Equal((4, 1.0, 1.75, 2.5, 3.25, 2.5, 4.0), (d.Count, d.Min, d.LowerQuartile, d.Median, d.UpperQuartile, d.Mean, d.Max));
        Assert.Equal(0, Distribution.Of([]).Count);
    }

    [Fact]
    public void The_simplex_solves_a_textbook_program()
    {
        // max 3x + 5y, x <= 4, 2y <= 12, 3x + 2y <= 18: optimum 36 at (2, 6).
        Assert.Equal(36, DenseSimplex.Maximize([3, 5], [[1, 0], [0, 2], [3, 2]], [4, 12, 18]), 9);
        Assert.Equal(double.PositiveInfinity, DenseSimplex.Maximize([1, 0], [[0, 1]], [1]));
    }

    [Fact]
    public void The_chebyshev_ball_of_a_triangle_is_its_incircle()
    {
        // Right triangle (0,0), (4,0), (0,3): inradius = area / semiperimeter = 6 / 6.
        var hypotenuse = new[] { 3 / 5.0, 4 / 5.0 };
        HalfSpace[] triangle = [new([-1.0, 0], 0), new([0, -1.0], 0), new(hypotenuse, 12 / 5.0)];
        Assert.Equal(1, ChebyshevCentre.Radius(triangle, [1.0, 1.0]), 9);
        // Started from a point near a corner, the LP still finds the centre.
        Assert.Equal(1, ChebyshevCentre.Radius(triangle, [3.9, 0.05]), 9);
    }

    [Fact]
    public void The_boundary_crosses_where_the_decision_changes_at_the_vertices()
    {
        double[][] square = [[0, 0], [1, 0], [1, 1], [0, 1]];
        var x = new AffineMap([1, 0], -0.5);
        Assert.True(DecisionBoundary.Crosses(square, [x]));
        Assert.False(DecisionBoundary.Crosses(square, [new AffineMap([1, 0], -1)]), "zero only on an edge: it touches, it does not cross");
        // Two outputs: the zero set of their difference x - y, the diagonal through two corners.
        Assert.True(DecisionBoundary.Crosses(square, [new AffineMap([1, 0], 0), new AffineMap([0, 1], 0)]));
        Assert.False(DecisionBoundary.Crosses(square, [new AffineMap([1, 0], 2), new AffineMap([0, 1], 0)]));
        // Three outputs: a middle class wins on a strip between the corners' classes.
        Assert.True(DecisionBoundary.Crosses(square, [new AffineMap([-1, 0], 0.3), new AffineMap([0, 0], 0), new AffineMap([1, 0], -0.7)]));
    }
}
