using System.Globalization;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Onnx;
using Regions.Theory.Constructions;

namespace Regions.ExactBench;

/// <summary>The networks the exact benchmarks enumerate, by name.</summary>
public static class ExactCases
{
    /// <summary>A case's network and domain, and the slice it is counted on (null: the whole box).</summary>
    public static (Network Network, Box Domain, AffineSlice? Slice) Build(string name) => name switch
    {
        "cnn-digits plane" => DigitsPlane(),
        _ => WholeBox(name),
    };

    private static (Network, Box, AffineSlice?) WholeBox(string name)
    {
        var (network, domain) = InBox(name);
        return (network, domain, null);
    }

    private static (Network Network, Box Domain) InBox(string name) => name switch
    {
        "2-64-64-64" => (Random(2, [64, 64, 64]), Box.Cube(2, -1, 1)),
        "2-128-128-128" => (Random(2, [128, 128, 128]), Box.Cube(2, -1, 1)),
        "montufar 2-8-8-8-8" => Construction("montufar", 2, [8, 8, 8, 8]),
        "montufar 2-8-8-8-8-8" => Construction("montufar", 2, [8, 8, 8, 8, 8]),
        "3-16-16" => (Random(3, [16, 16]), Box.Cube(3, -1, 1)),
        "3-32-32" => (Random(3, [32, 32]), Box.Cube(3, -1, 1)),
        "4-16-16" => (Random(4, [16, 16]), Box.Cube(4, -1, 1)),
        "4-32-32" => (Random(4, [32, 32]), Box.Cube(4, -1, 1)),
        "torch 3-32-32-32" => (Fixture("nd", "torch_3-32-32-32.json"), Box.Cube(3, -1, 1)),
        "torch 4-32-32-32" => (Fixture("nd", "torch_4-32-32-32.json"), Box.Cube(4, -1, 1)),
        _ => throw new ArgumentException($"unknown case {name}"),
    };

    /// <summary>
    /// The trained digits CNN of tests/fixtures/onnx (64 inputs: conv, batch norm, relu, max-pool, conv, relu,
    /// average-pool, linear) on the plane through held-out digits 0, 3 and 6 (rows 0, 12, 25), as the README counts it.
    /// </summary>
    private static (Network, Box, AffineSlice?) DigitsPlane()
    {
        var fixtures = Path.Combine(Repository(), "tests", "fixtures", "onnx");
        var network = OnnxImporter.Import(File.ReadAllBytes(Path.Combine(fixtures, "cnn_digits.onnx")), new OnnxImportOptions());
        var rows = File.ReadAllLines(Path.Combine(fixtures, "digits.csv")).Skip(1)
            .Select(line => line.Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (network, Box.Cube(2, -0.25, 1.25), AffineSlice.Through([rows[0], rows[12], rows[25]]));
    }

    /// <summary>A network committed under tests/fixtures (the n-D ones: PyTorch's default init, tools/nd-fixtures/make.py).</summary>
    private static Network Fixture(string folder, string file) => NetworkReader.Load(Path.Combine(Repository(), "tests", "fixtures", folder, file));

    /// <summary>The checkout holding the build output, else the one holding the working directory (a copied build, e.g. a baseline).</summary>
    private static string Repository() =>
        Enclosing(AppContext.BaseDirectory) ?? Enclosing(Environment.CurrentDirectory)
        ?? throw new DirectoryNotFoundException("run the benchmark from the repository's build output, or from inside the repository");

    private static string? Enclosing(string start)
    {
        var directory = new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Distributed.sln"))) directory = directory.Parent;
        return directory?.FullName;
    }

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
