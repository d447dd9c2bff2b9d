using Regions.Grains.Embedded;
using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Tests.Definitions;

/// <summary>The exact count of a network under each region notion, through the embedded runner as the CLI runs it.</summary>
internal static class DefinitionCounts
{
    public static long Count(Network network, Box box, RegionDefinition definition, int cells = 1, AffineSlice? slice = null) =>
        EmbeddedRunner.Run(new CountJob(network, box, CountMethod.Exact, 0, cells, 0, SamplerKind.Random) { Definition = definition, Slice = slice }).Regions;

    /// <summary>(R1, R2, R4, R6): patterns, activation, linear, affine.</summary>
    public static (long Patterns, long Activation, long Linear, long Affine) All(Network network, Box box, int cells = 1, AffineSlice? slice = null) =>
        (Count(network, box, RegionDefinition.Patterns, cells, slice), Count(network, box, RegionDefinition.Activation, cells, slice),
         Count(network, box, RegionDefinition.Linear, cells, slice), Count(network, box, RegionDefinition.Affine, cells, slice));

    /// <summary>A one-hidden-layer relu network with a linear output.</summary>
    public static Network Relu(int inputs, double[][] rows, double[] biases, double[] outputWeights) =>
        new(inputs, [
            new Layer(Activation.Relu, rows.Length, inputs, rows.SelectMany(r => r).ToArray(), biases),
            new Layer(Activation.Linear, 1, rows.Length, outputWeights, [0.0])]);
}
