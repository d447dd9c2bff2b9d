using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Exact;

internal static class ExactTestSupport
{
    public static long Exact(Network network, Box box, int cells = 1, RegionDefinition definition = RegionDefinition.Activation, AffineSlice? slice = null) =>
        EmbeddedRunner.Run(new CountJob(network, box, CountMethod.Exact, 0, cells, 0, SamplerKind.Random) { Definition = definition, Slice = slice }).Regions;

    /// <summary>The product's sampling count (a lower bound) with seeded uniform points.</summary>
    public static long Sample(Network network, Box box, long points, int cells = 1) =>
        EmbeddedRunner.Run(new CountJob(network, box, CountMethod.Sample, points, cells, 7, SamplerKind.Random)).Regions;

    public static HashSet<UInt128> ExactFingerprints(Network network, Box box, int cells = 1, AffineSlice? slice = null)
    {
        var set = new HashSet<UInt128>();
        var gate = new object();
        EmbeddedRunner.Run(new CountJob(network, box, CountMethod.Exact, 0, cells, 0, SamplerKind.Random) { Slice = slice },
            region: (_, r) => { lock (gate) set.Add(r.Fingerprint); });
        return set;
    }

    /// <summary>Patterns the interpreter reports at seeded uniform points of the box (mapped through the slice when given).</summary>
    public static HashSet<UInt128> Sampled(Network network, Box box, int points, ulong seed, AffineSlice? slice = null)
    {
        var random = new DeterministicRandom(seed);
        var interpreter = new Interpreter(network);
        var set = new HashSet<UInt128>();
        var y = new double[box.Dimension];
        for (var p = 0; p < points; p++)
        {
            for (var i = 0; i < y.Length; i++) y[i] = box.Lower[i] + box.Width(i) * random.NextDouble();
            var x = slice is null ? y : slice.Point(y);
            set.Add(Fingerprint.Of(interpreter.Pattern(x)));
        }
        return set;
    }
}
