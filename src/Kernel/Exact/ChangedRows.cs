using System.Runtime.InteropServices;

namespace Regions.Kernel.Exact;

/// <summary>
/// The rows of a layer that read an input row whose bits changed between two pieces: the rows
/// <see cref="AffineRows.Refresh"/> sums again. Scratch of one walk frame, reused at every piece.
/// </summary>
internal sealed class ChangedRows(int rows)
{
    private readonly int[] marked = new int[rows];
    private readonly int[] list = new int[rows];
    private int stamp;

    /// <summary>The rows reading an input row (of <paramref name="stride"/> entries) that differs, bit for bit, between the two inputs; valid until the next call.</summary>
    public ReadOnlySpan<int> Reading(LayerSupport support, double[] previous, double[] input, int stride)
    {
        if (++stamp == int.MaxValue)
        {
            Array.Clear(marked);
            stamp = 1;
        }
        var count = 0;
        var starts = support.ColumnStart;
        var rowsOf = support.ColumnRows;
        // Bits, not values: a sum's zero keeps the sign its terms give it, so -0 and +0 are different inputs.
        var now = MemoryMarshal.Cast<double, long>(input.AsSpan());
        var before = MemoryMarshal.Cast<double, long>(previous.AsSpan());
        for (var k = 0; k < starts.Length - 1; k++)
        {
            var o = k * stride;
            var same = true;
            for (var j = 0; j < stride && same; j++) same = now[o + j] == before[o + j];
            if (same) continue;
            for (var i = starts[k]; i < starts[k + 1]; i++)
            {
                var r = rowsOf[i];
                if (marked[r] == stamp) continue;
                marked[r] = stamp;
                list[count++] = r;
            }
        }
        return list.AsSpan(0, count);
    }
}
