using System.Globalization;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Onnx;
using Regions.Tests.Support;

namespace Regions.Tests.Exact;

/// <summary>
/// One cell walked on several threads (the first layer's pieces in chunks) finds what one thread finds: the same
/// regions in the same order, every pattern, point, polygon and output map the same bits, the same linear merges.
/// The networks have many chunks of first-layer pieces, dense layers below them (whose sums are updated piece to
/// piece, so a chunk starting anywhere else than where the single walk sums in full would differ in the last bits),
/// local layers (the digits CNN) and maxout.
/// </summary>
public sealed class ChunkedWalkTests
{
    public static TheoryData<string> Cases() => ["relu 2-96-24-24", "leaky 2-64-32", "maxout 2-48-8", "digits CNN plane"];

    private static (Network Network, AffineSlice Slice, Box Box) Case(string name) => name switch
    {
        "relu 2-96-24-24" => (TestNetworks.Random(3, 2, [96, 24, 24], outputs: 2), AffineSlice.Identity(2), Box.Cube(2, -1, 1)),
        "leaky 2-64-32" => (TestNetworks.Random(5, 2, [64, 32], Activation.LeakyRelu), AffineSlice.Identity(2), Box.Cube(2, -1, 1)),
        "maxout 2-48-8" => (TestNetworks.Random(7, 2, [48, 8], Activation.Maxout, rank: 3), AffineSlice.Identity(2), Box.Cube(2, -1, 1)),
        "digits CNN plane" => (OnnxImporter.Import(File.ReadAllBytes(Fixtures.OnnxFile("cnn_digits.onnx"))),
            AffineSlice.Through([Digit(0), Digit(12), Digit(25)]), Box.Cube(2, 0, 1)),
        _ => throw new ArgumentException(name),
    };

    private static double[] Digit(int row) =>
        File.ReadAllLines(Fixtures.OnnxFile("digits.csv"))[row + 1].Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_chunked_walk_finds_what_the_single_walk_finds_bit_for_bit(string name)
    {
        var (network, slice, box) = Case(name);
        var setup = new ExactSetup(network, slice, box);
        var root = PolygonPiece.Rectangle(box.Lower[0], box.Upper[0], box.Lower[1], box.Upper[1]);
        var single = new List<long[]>();
        setup.Engine().Run(root, setup.Distance, 4, (piece, pattern, outputs, sizes, point) => single.Add(Record(piece, pattern, outputs, point)), default);
        var chunks = new System.Collections.Concurrent.ConcurrentDictionary<int, List<long[]>>();
        setup.Engine().RunInChunks(root, setup.Distance, 4, () => setup.Engine(), chunk =>
        {
            var list = chunks[chunk] = [];
            return (piece, pattern, outputs, sizes, point) => list.Add(Record(piece, pattern, outputs, point));
        }, 3, default);
        var chunked = chunks.OrderBy(c => c.Key).SelectMany(c => c.Value).ToList();
        Assert.True(chunks.Count >= 4, $"{chunks.Count} chunks: too few to test");
        Assert.Equal(single.Count, chunked.Count);
        for (var i = 0; i < single.Count; i++) Assert.Equal(single[i], chunked[i]);
    }

    /// <summary>
    /// Everything the engine reports of a region, as bits: pattern, polygon, output rows, the point. Without magnitudes,
    /// as counts walk: then dense layers' sums are updated from piece to piece, and only full sums where the single
    /// walk makes them keep the bits.
    /// </summary>
    private static long[] Record(ConvexPiece piece, ulong[] pattern, double[] outputs, double[] point) =>
        [.. pattern.Select(w => (long)w), .. Bits(((PolygonPiece)piece).Coordinates), .. Bits(outputs), .. Bits(point)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Several_threads_enumerate_the_regions_and_merges_one_thread_does(string name)
    {
        var (network, slice, box) = Case(name);
        // Linear merges look across every facet: seconds on the CNN's plane, whose walk the test above covers.
        var linear = name != "digits CNN plane";
        var one = new PlaneEnumerator(network, slice, box).Enumerate(box, linear, int.MaxValue, 1, default)!;
        var three = new PlaneEnumerator(network, slice, box).Enumerate(box, linear, int.MaxValue, 3, default)!;
        Assert.Equal(one.Regions.Count, three.Regions.Count);
        for (var i = 0; i < one.Regions.Count; i++)
        {
            var (a, b) = (one.Regions[i], three.Regions[i]);
            Assert.Equal(a.Pattern, b.Pattern);
            Assert.Equal(Bits(a.InteriorPoint), Bits(b.InteriorPoint));
            Assert.Equal(Bits(a.Polygon!.SelectMany(p => new[] { p.U, p.V })), Bits(b.Polygon!.SelectMany(p => new[] { p.U, p.V })));
            Assert.Equal(Bits(a.Outputs.SelectMany(m => m.Gradient.Append(m.Offset))), Bits(b.Outputs.SelectMany(m => m.Gradient.Append(m.Offset))));
        }
        Assert.Equal(one.Merges, three.Merges);
    }

    [Fact]
    public void Over_the_budget_several_threads_stop_as_one_does()
    {
        var (network, slice, box) = Case("relu 2-96-24-24");
        var all = new PlaneEnumerator(network, slice, box).Enumerate(box, false, int.MaxValue, 1, default)!.Regions.Count;
        Assert.Null(new PlaneEnumerator(network, slice, box).Enumerate(box, false, all - 1, 3, default));
        Assert.Equal(all, new PlaneEnumerator(network, slice, box).Enumerate(box, false, all, 3, default)!.Regions.Count);
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
