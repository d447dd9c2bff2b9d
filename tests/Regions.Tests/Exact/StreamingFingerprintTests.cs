using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Exact;

/// <summary>The counting path (fingerprints streamed, nothing kept) finds exactly the regions the full enumeration finds.</summary>
public sealed class StreamingFingerprintTests
{
    public static TheoryData<int, int, string> Networks()
    {
        var data = new TheoryData<int, int, string>();
        for (var inputs = 1; inputs <= 3; inputs++)
        {
            foreach (var activation in new[] { "relu", "maxout" })
            {
                for (var seed = 1; seed <= 2; seed++) data.Add(seed, inputs, activation);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Streamed_fingerprints_are_the_enumerated_regions(int seed, int inputs, string activation)
    {
        var network = TestNetworks.Random((ulong)(100 + seed), inputs, [5, 5, 5],
            activation == "maxout" ? Activation.Maxout : Activation.Relu, rank: 3);
        var box = Box.Cube(inputs, -1, 1);
        var cell = new Box(Enumerable.Repeat(-0.3, inputs).ToArray(), Enumerable.Repeat(0.8, inputs).ToArray());
        var enumerators = new List<ICellEnumerator> { new BoxEnumerator(network, box) };
        if (inputs == 1) enumerators.Add(new SegmentEnumerator(network, AffineSlice.Identity(1), box));
        if (inputs == 2) enumerators.Add(new PlaneEnumerator(network, AffineSlice.Identity(2), box));
        foreach (var enumerator in enumerators)
        {
            var enumerated = enumerator.Enumerate(cell, false, default).Regions.Select(r => r.Fingerprint).ToList();
            var streamed = new List<UInt128>();
            enumerator.Fingerprints(cell, streamed.Add, default);
            Assert.True(enumerated.Count > 3, $"{enumerator.GetType().Name}: a degenerate test network ({enumerated.Count} regions)");
            Assert.Equal(enumerated, streamed);   // same regions, same order: one engine behind both
        }
    }
}
