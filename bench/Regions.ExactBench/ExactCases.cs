using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Theory.Constructions;

namespace Regions.ExactBench;

/// <summary>The networks the exact benchmarks enumerate, by name.</summary>
public static class ExactCases
{
    public static (Network Network, Box Domain) Build(string name) => name switch
    {
        "2-64-64-64" => (Random(2, [64, 64, 64]), Box.Cube(2, -1, 1)),
        "2-128-128-128" => (Random(2, [128, 128, 128]), Box.Cube(2, -1, 1)),
        "montufar 2-8-8-8-8" => Construction("montufar", 2, [8, 8, 8, 8]),
        "montufar 2-8-8-8-8-8" => Construction("montufar", 2, [8, 8, 8, 8, 8]),
        "3-16-16" => (Random(3, [16, 16]), Box.Cube(3, -1, 1)),
        "3-32-32" => (Random(3, [32, 32]), Box.Cube(3, -1, 1)),
        "4-16-16" => (Random(4, [16, 16]), Box.Cube(4, -1, 1)),
        "4-32-32" => (Random(4, [32, 32]), Box.Cube(4, -1, 1)),
        _ => throw new ArgumentException($"unknown case {name}"),
    };

    /// <summary>He-initialised, seeded: the `regions construct random` network.</summary>
    private static Network Random(int inputs, int[] widths) => NetworkConstructions.Build("random", new ConstructionRequest(inputs, widths, null, 1));

    private static (Network, Box) Construction(string name, int inputs, int[] widths)
    {
        var network = NetworkConstructions.Build(name, new ConstructionRequest(inputs, widths));
        var domain = network.Meta!["domain"]!;
        double[] Side(string key) => domain[key]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        return (network, new Box(Side("lower"), Side("upper")));
    }
}
