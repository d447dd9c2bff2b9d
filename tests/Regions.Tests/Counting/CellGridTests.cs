using Regions.Grains.Cells;
using Regions.Kernel.Geometry;

namespace Regions.Tests.Counting;

public class CellGridTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 64)]
    [InlineData(2, 7)]
    [InlineData(3, 12)]
    [InlineData(1, 97)]
    public void The_grid_has_exactly_the_cells_asked_for_and_they_tile_the_box(int dimension, int cells)
    {
        var box = new Box(Enumerable.Range(0, dimension).Select(i => -1.0 - i).ToArray(), Enumerable.Range(0, dimension).Select(i => 2.0 + i).ToArray());
        var grid = new CellGrid(box, cells);
        Assert.Equal(cells, grid.CellsPerAxis.Aggregate(1, (a, b) => a * b));
        var volume = 0.0;
        for (var i = 0; i < cells; i++)
        {
            var cell = grid.Cell(i);
            volume += Enumerable.Range(0, dimension).Aggregate(1.0, (v, axis) => v * cell.Width(axis));
            for (var axis = 0; axis < dimension; axis++)
            {
                Assert.InRange(cell.Lower[axis], box.Lower[axis], box.Upper[axis]);
                Assert.InRange(cell.Upper[axis], box.Lower[axis], box.Upper[axis]);
            }
        }
        var boxVolume = Enumerable.Range(0, dimension).Aggregate(1.0, (v, axis) => v * box.Width(axis));
        Assert.Equal(boxVolume, volume, 9);
    }

    [Fact]
    public void Neighbouring_cells_share_their_face_exactly()
    {
        var grid = new CellGrid(Box.Cube(2, -1, 1), 36);
        Assert.Equal([6, 6], grid.CellsPerAxis);
        for (var i = 0; i + 1 < 6; i++) Assert.Equal(grid.Cell(i).Upper[0], grid.Cell(i + 1).Lower[0]);
        Assert.Equal(-1, grid.Cell(0).Lower[0]);
        Assert.Equal(1, grid.Cell(35).Upper[1]);
    }

    [Fact]
    public void Splits_go_to_the_widest_axis()
    {
        var grid = new CellGrid(new Box([0, 0], [8, 1]), 4);
        Assert.Equal([4, 1], grid.CellsPerAxis);
    }
}
