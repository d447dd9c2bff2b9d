using System.Buffers.Binary;
using Regions.Drawing;
using Regions.Kernel.Geometry;

namespace Regions.Silo.Api;

/// <summary>
/// What the page needs to draw a view, as compact arrays of little-endian numbers (the JSON answer carries them in
/// base64, written by the serializer straight from the bytes) rather than a JSON object per region: JSON numbers for
/// ~10^5 vertices cost more to write, send and parse than drawing them does. Coordinates are
/// float32 fractions of the box ((u - u0) / (u1 - u0)), so their rounding is relative to the window, well below a
/// pixel at any zoom.
/// </summary>
internal static class ViewEncoding
{
    /// <summary>Region i's vertices are points starts[i] .. starts[i + 1] - 1 (int32, one more than the regions).</summary>
    public static byte[] Starts(IReadOnlyList<PlaneRegion> regions)
    {
        var bytes = new byte[4 * (regions.Count + 1)];
        var start = 0;
        for (var i = 0; i < regions.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), start);
            start += regions[i].Polygon.Count;
        }
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * regions.Count), start);
        return bytes;
    }

    /// <summary>Every polygon's vertices in turn, (u, v) as float32 fractions of the box.</summary>
    public static byte[] Points(IReadOnlyList<PlaneRegion> regions, Box box)
    {
        var count = regions.Sum(r => r.Polygon.Count);
        var bytes = new byte[8 * count];
        var at = 0;
        foreach (var region in regions)
            foreach (var (u, v) in region.Polygon)
            {
                Write(bytes, at++, Fraction(u, box, 0));
                Write(bytes, at++, Fraction(v, box, 1));
            }
        return bytes;
    }

    /// <summary>Each region's fill, r g b bytes (PatternColours of its key, as `regions map` colours it).</summary>
    public static byte[] Colours(IReadOnlyList<PlaneRegion> regions)
    {
        var bytes = new byte[3 * regions.Count];
        for (var i = 0; i < regions.Count; i++) (bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]) = PatternColours.Of(regions[i].Key);
        return bytes;
    }

    /// <summary>Segments u0 v0 u1 v1, float32 fractions of the box.</summary>
    public static byte[] Segments(IReadOnlyList<PlaneSegment> segments, Box box)
    {
        var bytes = new byte[16 * segments.Count];
        var at = 0;
        foreach (var s in segments)
        {
            Write(bytes, at++, Fraction(s.U0, box, 0));
            Write(bytes, at++, Fraction(s.V0, box, 1));
            Write(bytes, at++, Fraction(s.U1, box, 0));
            Write(bytes, at++, Fraction(s.V1, box, 1));
        }
        return bytes;
    }

    private static float Fraction(double x, Box box, int axis) => (float)((x - box.Lower[axis]) / (box.Upper[axis] - box.Lower[axis]));

    private static void Write(byte[] bytes, int index, float value) => BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * index), value);
}
