using Regions.Kernel;
using Regions.Kernel.Geometry;

namespace Regions.Silo.Commands;

/// <summary>
/// Slices through data points (<c>--data</c> with <c>--plane-through</c> or <c>--segment-through</c>), read the same
/// way by <c>count</c> and <c>map</c>.
/// </summary>
internal static class DataSlices
{
    /// <summary>The points a slice through data goes through, or null when none is asked for.</summary>
    public static IReadOnlyList<double[]>? Through(string? data, string? planeThrough, string? segmentThrough, int inputs, Kernel.Limits.ResourceLimits limits)
    {
        if (planeThrough is not null && segmentThrough is not null) throw new InvalidRequestException("give --plane-through or --segment-through, not both");
        var rows = planeThrough ?? segmentThrough;
        if (rows is null)
            return data is null ? null : throw new InvalidRequestException("data", "names the rows of --plane-through or --segment-through; give one of them");
        if (data is null) throw new InvalidRequestException("data", "required by --plane-through and --segment-through (the file whose rows they name)");
        var points = DataFile.Rows(data, rows, inputs, limits);
        var expected = planeThrough is not null ? 3 : 2;
        if (points.Count != expected)
            throw new InvalidRequestException(planeThrough is not null ? "plane-through" : "segment-through", $"names {points.Count} rows; it takes {expected}");
        return points;
    }

    /// <summary>The slice through the data points and its parameter box: the points sit at 0 and the unit vectors, so the default box holds them with a margin of 0.25.</summary>
    public static (AffineSlice Slice, Box Domain) Domain(IReadOnlyList<double[]> points, string? explicitSlice, string? box)
    {
        if (explicitSlice is not null) throw new InvalidRequestException("a slice through data replaces --segment and --plane; give one of them");
        var slice = AffineSlice.Through(points);
        var dimension = slice.Dimension;
        try
        {
            return (slice, box is null ? Box.Parse(string.Join(",", Enumerable.Repeat("-0.25:1.25", dimension)), dimension) : Box.Parse(box, dimension));
        }
        catch (FormatException e)
        {
            throw new InvalidRequestException("box", e.Message);
        }
    }
}
