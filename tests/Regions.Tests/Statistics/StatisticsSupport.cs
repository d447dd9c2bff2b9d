using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Kernel.Exact;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Tests.Statistics;

internal static class StatisticsSupport
{
    /// <summary>The domain's regions with shapes and neighbours, from the enumerator the count itself would use.</summary>
    public static IReadOnlyList<ShapedRegion> Shapes(Network network, Box box, AffineSlice? slice = null)
    {
        var job = new CountJob(network, box, CountMethod.Exact, 0, 1, 0, SamplerKind.Random) { Slice = slice };
        return ((SubdivisionEnumerator)ExactEnumerators.Create(job)).Shapes(box, neighbours: true, CancellationToken.None);
    }

    /// <summary>A hidden layer of relus x_i - c_i (one per axis given) summed with weights into one output.</summary>
    public static Network AxisRelus(int inputs, double[] cuts, double[] outputWeights, double outputBias)
    {
        var weights = new double[cuts.Length * inputs];
        for (var u = 0; u < cuts.Length; u++) weights[u * inputs + u % inputs] = 1;
        return new Network(inputs, [
            new Layer(Activation.Relu, cuts.Length, inputs, weights, cuts.Select(c => -c).ToArray()),
            new Layer(Activation.Linear, 1, cuts.Length, outputWeights, [outputBias])]);
    }
}
