using Regions.Grains.Jobs;
using Regions.Grains.Sampling;
using Regions.Kernel.Geometry;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Kernels;

/// <summary>
/// The random sampler's points: each coordinate is lower + width x <see cref="CounterRandom.OpenUnit"/> of
/// (seed, cell, point index, axis), whatever the batch size and vector width, and inside the cell.
/// </summary>
public sealed class RandomPointSamplerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Every_coordinate_is_the_scalar_formula_of_seed_cell_index_and_axis(int dimension)
    {
        var cell = new Box(Enumerable.Range(0, dimension).Select(j => -0.3 * j - 1.1).ToArray(), Enumerable.Range(0, dimension).Select(j => 0.7 + j / 3.0).ToArray());
        foreach (var (seed, cellIndex) in new[] { (0UL, 0), (1UL, 5), (20261203UL, 4095), (ulong.MaxValue, int.MaxValue) })
        {
            const int stride = 70;
            var sampler = new PointSampler(cell, SamplerKind.Random, seed, cellIndex);
            var points = new double[dimension * stride];
            var index = 0UL;
            foreach (var count in new[] { 70, 1, 3, 67, 0, 8 })
            {
                sampler.Next(points, stride, count);
                for (var p = 0; p < count; p++, index++)
                {
                    for (var j = 0; j < dimension; j++)
                    {
                        var expected = cell.Lower[j] + cell.Width(j) * CounterRandom.OpenUnit(seed, (uint)cellIndex, index, j);
                        Assert.Equal(expected, points[j * stride + p]);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_points_do_not_depend_on_the_batch_size()
    {
        var cell = Box.Cube(3, -1, 1);
        const int total = 777;
        var reference = Draw(cell, total, total);
        foreach (var batch in new[] { 1, 4, 5, 64, 256 }) Assert.Equal(reference, Draw(cell, total, batch));
    }

    [Fact]
    public void Points_stay_inside_the_cell_and_off_its_faces_when_the_sides_are_dyadic()
    {
        var cell = new Box([-1, 0.25], [-0.5, 2]);
        const int total = 100_000;
        var points = Draw(cell, total, 512);
        for (var j = 0; j < 2; j++)
        {
            for (var p = 0; p < total; p++)
            {
                var x = points[j * total + p];
                Assert.True(x > cell.Lower[j] && x < cell.Upper[j], $"axis {j}, point {p}: {x}");
            }
        }
    }

    [Fact]
    public void Different_cells_and_seeds_draw_different_points()
    {
        var cell = Box.Cube(2, -1, 1);
        var a = new double[2 * 16];
        var b = new double[2 * 16];
        var c = new double[2 * 16];
        new PointSampler(cell, SamplerKind.Random, 1, 0).Next(a, 16, 16);
        new PointSampler(cell, SamplerKind.Random, 1, 1).Next(b, 16, 16);
        new PointSampler(cell, SamplerKind.Random, 2, 0).Next(c, 16, 16);
        Assert.Empty(a.Intersect(b));
        Assert.Empty(a.Intersect(c));
    }

    /// <summary>The first <paramref name="total"/> points of cell 3 under seed 11, axis j at <c>[j * total + p]</c>.</summary>
    private static double[] Draw(Box cell, int total, int batch)
    {
        var sampler = new PointSampler(cell, SamplerKind.Random, 11, 3);
        var buffer = new double[cell.Dimension * batch];
        var all = new double[cell.Dimension * total];
        for (var start = 0; start < total; start += batch)
        {
            var count = Math.Min(batch, total - start);
            sampler.Next(buffer, batch, count);
            for (var j = 0; j < cell.Dimension; j++) buffer.AsSpan(j * batch, count).CopyTo(all.AsSpan(j * total + start));
        }
        return all;
    }
}
