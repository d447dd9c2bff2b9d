namespace Regions.Kernel.Model.Graph;

/// <summary>Value shapes of a graph: [n], [C, L] or [C, H, W] (channels first, no batch axis), flattened row-major.</summary>
public static class Shape
{
    public const int MaxRank = 3;

    public static long Size(IEnumerable<int> shape)
    {
        long size = 1;
        foreach (var d in shape) size = checked(size * d);
        return size;
    }

    public static string Show(IEnumerable<int> shape) => $"[{string.Join(",", shape)}]";

    /// <summary>The channel of flat index <paramref name="index"/>: axis 0 (for [n], each element is its own channel).</summary>
    public static int ChannelOf(int[] shape, int index) => (int)(index / (Size(shape) / shape[0]));

    /// <summary>A value shape: rank 1 to 3, every dimension at least 1, the size within an array.</summary>
    public static void Check(int[] shape)
    {
        if (shape.Length is < 1 or > MaxRank) throw new GraphException($"shape {Show(shape)} has rank {shape.Length}; values have rank 1 to {MaxRank} ([n], [C, L], [C, H, W])");
        if (shape.Any(d => d < 1)) throw new GraphException($"shape {Show(shape)} has a dimension below 1");
        long size;
        try
        {
            size = Size(shape);
        }
        catch (OverflowException)
        {
            size = long.MaxValue;
        }
        if (size > Array.MaxLength) throw new GraphException($"shape {Show(shape)} is too large");
    }
}
