using System.Buffers.Binary;
using System.IO.Compression;
using Regions.Kernel.Model;
using Regions.Kernel.Pictures;

namespace Regions.Tests.Pictures;

public class RegionMapTests
{
    [Fact]
    public void Two_crossing_lines_paint_four_regions_and_a_cross()
    {
        var network = new Network(2, [new Layer(Activation.Relu, 2, 2, [1, 0, 0, 1], [0, 0])]);
        var (rgb, distinct) = RegionMap.Render(network, PlaneSlice.Axes(2, -1, 1, -1, 1), 40, 40);
        Assert.Equal(4, distinct);
        // Quadrant centres have four different colours; the boundary column next to x = 0 is dark.
        var colours = new[] { (10, 10), (30, 10), (10, 30), (30, 30) }.Select(p => Pixel(rgb, 40, p.Item1, p.Item2)).ToHashSet();
        Assert.Equal(4, colours.Count);
        Assert.Equal((40, 40, 40), Pixel(rgb, 40, 19, 5));
    }

    [Fact]
    public void The_png_is_well_formed_and_decodes_to_the_pixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30];
        using var stream = new MemoryStream();
        PngWriter.Write(stream, 2, 2, rgb);
        var png = stream.ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30 }, raw.ToArray());
    }

    private static (int, int, int) Pixel(byte[] rgb, int width, int x, int y)
    {
        var i = 3 * (y * width + x);
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }
}
