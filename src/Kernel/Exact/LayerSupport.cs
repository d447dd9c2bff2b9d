using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Where a layer's dense weights are nonzero, by row and by column, with the weights themselves: derived once
/// per job from the weights (never from the format). A convolution imported as a dense Toeplitz layer has 9-36
/// nonzeros of 64 columns per row, a max-pool's selection one per column; composing a region's rows over
/// these lists instead of every column skips only terms w * h with w = 0, so the sums are the same.
/// </summary>
internal sealed class LayerSupport
{
    private LayerSupport(int rows, int columns)
    {
        RowStart = new int[rows + 1];
        ColumnStart = new int[columns + 1];
    }

    /// <summary>Row r's nonzero columns are RowColumns[RowStart[r]..RowStart[r + 1]], ascending, with their weights in RowWeights.</summary>
    public int[] RowStart { get; }
    public int[] RowColumns { get; private set; } = [];
    public double[] RowWeights { get; private set; } = [];

    /// <summary>Column k's nonzero rows are ColumnRows[ColumnStart[k]..ColumnStart[k + 1]], ascending, with their weights in ColumnWeights.</summary>
    public int[] ColumnStart { get; }
    public int[] ColumnRows { get; private set; } = [];
    public double[] ColumnWeights { get; private set; } = [];

    /// <summary>
    /// Whether an input row is read by few of the layer's rows (a convolution's or a pooling's window, not a dense
    /// layer's every row): then summing again the rows that read a changed input costs a fraction of the layer.
    /// </summary>
    public bool IsLocal => ColumnRows.Length * 2 < (ColumnStart.Length - 1) * (RowStart.Length - 1);

    public static LayerSupport Of(Layer layer)
    {
        var rows = layer.Rows;
        var columns = layer.Columns;
        var weights = layer.Weights;
        var support = new LayerSupport(rows, columns);
        var count = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < columns; k++)
            {
                if (weights[r * columns + k] == 0) continue;
                count++;
                support.ColumnStart[k + 1]++;
            }
            support.RowStart[r + 1] = count;
        }
        for (var k = 0; k < columns; k++) support.ColumnStart[k + 1] += support.ColumnStart[k];
        var rowColumns = new int[count];
        var rowWeights = new double[count];
        var columnRows = new int[count];
        var columnWeights = new double[count];
        var fill = support.ColumnStart[..columns];
        var i = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < columns; k++)
            {
                var w = weights[r * columns + k];
                if (w == 0) continue;
                rowColumns[i] = k;
                rowWeights[i++] = w;
                columnRows[fill[k]] = r;
                columnWeights[fill[k]++] = w;
            }
        }
        support.RowColumns = rowColumns;
        support.RowWeights = rowWeights;
        support.ColumnRows = columnRows;
        support.ColumnWeights = columnWeights;
        return support;
    }
}
