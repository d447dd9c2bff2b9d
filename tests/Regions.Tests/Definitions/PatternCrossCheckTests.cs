using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Definitions;

/// <summary>
/// Every pattern realised, counted from the faces, against the interpreter evaluated at exactly the points that
/// realise them. With rows of -1, 0, 1 and biases in multiples of 1/8, every line meets another or the box's side
/// at multiples of 1/16, an edge's midpoint is a multiple of 1/32 and a triangle of vertices has its centroid at a
/// multiple of 1/48: the grid of step 1/96 holds a point of every vertex, edge and region, and doubles evaluate
/// these dyadic and small rationals' rows exactly where it matters (a point on a line gives z = 0 exactly).
/// </summary>
public sealed class PatternCrossCheckTests
{
    private static Network Lines(ulong seed, int inputs, int units)
    {
        var random = new DeterministicRandom(seed);
        var rows = new double[units][];
        for (var u = 0; u < units; u++)
        {
            do rows[u] = Enumerable.Range(0, inputs).Select(_ => (double)(random.NextInt(3) - 1)).ToArray();
            while (rows[u].All(w => w == 0));
        }
        var biases = Enumerable.Range(0, units).Select(_ => (random.NextInt(13) - 6) / 8.0).ToArray();
        // Some units repeat another's line, the opposite way (the first always) or the same: the degenerate faces R1 is about.
        for (var u = 1; u < units; u += 3)
        {
            var sign = u == 1 || random.NextInt(2) == 0 ? -1 : 1;
            rows[u] = rows[u - 1].Select(w => sign * w).ToArray();
            biases[u] = sign * biases[u - 1];
        }
        return DefinitionCounts.Relu(inputs, rows, biases, Enumerable.Range(1, units).Select(i => (double)i).ToArray());
    }

    private static int RealisedOnGrid(Network network, int inputs)
    {
        var interpreter = new Interpreter(network);
        var seen = new HashSet<UInt128>();
        var steps = Enumerable.Range(0, 193).Select(i => -1 + i / 96.0).ToArray();
        if (inputs == 1)
            foreach (var x in steps) seen.Add(Fingerprint.Of(interpreter.Pattern([x])));
        else
            foreach (var x in steps)
                foreach (var y in steps) seen.Add(Fingerprint.Of(interpreter.Pattern([x, y])));
        return seen.Count;
    }

    [Theory]
    [InlineData(1, 1, 5)]
    [InlineData(2, 1, 8)]
    [InlineData(3, 2, 4)]
    [InlineData(4, 2, 6)]
    [InlineData(5, 2, 7)]
    [InlineData(6, 2, 9)]
    public void The_patterns_on_faces_are_exactly_those_the_interpreter_meets(int seed, int inputs, int units)
    {
        var network = Lines((ulong)seed, inputs, units);
        var box = Box.Cube(inputs, -1, 1);
        var expected = RealisedOnGrid(network, inputs);
        foreach (var cells in new[] { 1, 4 }) Assert.Equal(expected, DefinitionCounts.Count(network, box, RegionDefinition.Patterns, cells));
        Assert.True(expected > DefinitionCounts.Count(network, box, RegionDefinition.Activation), "the planted repeats leave patterns on lower-dimensional faces");
    }
}
