using System.Numerics;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

namespace Regions.Tests.Constructions;

/// <summary>Reading what a construction promises from its meta, and building it.</summary>
internal static class Expected
{
    public static Network Build(string name, int inputs, int[]? widths = null, int? rank = null, ulong seed = 0) =>
        NetworkConstructions.Build(name, new ConstructionRequest(inputs, widths, rank, seed));

    public static BigInteger ActivationRegions(Network network) => BigInteger.Parse(network.Meta!["expectedActivationRegions"]!.ToString());

    public static BigInteger LinearRegions(Network network) => BigInteger.Parse(network.Meta!["expectedLinearRegions"]!.ToString());

    /// <summary>
    /// Asserts the promised activation count three ways: the formula, a dense random sample of the domain, and (for
    /// relu last layers) the exact census around every last-layer vertex in every fold cell.
    /// </summary>
    public static void ActivationCountHolds(Network network, long expected, int samples, bool vertexCensus = true)
    {
        Assert.Equal(expected, (long)ActivationRegions(network));
        var box = RegionCensus.DomainOf(network);
        var sampled = RegionCensus.Sample(network, box, samples, seed: 7);
        if (vertexCensus)
        {
            var census = RegionCensus.AroundVertices(network, box);
            Assert.Equal(0, census.Misplaced);
            Assert.Equal(expected, census.Patterns.Count);
            sampled.UnionWith(census.Patterns);
        }
        Assert.Equal(expected, sampled.Count);
    }
}
