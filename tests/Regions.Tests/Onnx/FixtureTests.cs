using Onnx;
using Regions.Kernel;
using Regions.Tests.Support;

namespace Regions.Tests.Onnx;

/// <summary>
/// Every model under tests/fixtures/onnx (exported by PyTorch by tools/onnx-fixtures/make.py; see the manifest there)
/// imports and agrees with ONNX Runtime and with PyTorch's own outputs on real data, including the models only
/// pwl-network/2 expresses (a skip connection: carried rows; per-channel PReLU slopes: per-unit slopes).
/// </summary>
public sealed class OnnxFixtureTests
{
    /// <summary>The fixtures pwl-network/1 could not express, and what their lowered chain must hold.</summary>
    private static readonly Dictionary<string, Func<Kernel.Model.Network, bool>> NeedGraphFormat = new()
    {
        ["residual_moons.onnx"] = network => network.Layers.Any(l => l.Carried > 0),
        ["mlp_prelu.onnx"] = network => network.Layers.Any(l => l.HasUnitSlopes),
    };

    public static TheoryData<string> Fixtures() =>
        new(Directory.EnumerateFiles(Folder(), "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void The_fixtures_are_there()
    {
        Assert.True(Directory.EnumerateFiles(Folder(), "*.onnx").Count() >= 9, "tests/fixtures/onnx holds the committed PyTorch exports");
        Assert.All(NeedGraphFormat.Keys, name => Assert.True(File.Exists(Path.Combine(Folder(), name)), name));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_imports_and_agrees_with_onnx_runtime(string fixture)
    {
        var path = Path.Combine(Folder(), fixture);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var (network, compared) = OrtAgreement.Check(model, samples: 8);
        if (NeedGraphFormat.TryGetValue(fixture, out var holds)) Assert.True(holds(network), $"{fixture}: the lowered chain lacks what only the graph format expresses");
        Assert.True(compared > 0, "no unit state was compared");
        var probe = Path.ChangeExtension(path, ".probe.csv");
        Assert.True(File.Exists(probe), $"{fixture} has PyTorch's probe outputs beside it");
        AssertProbes(network, probe);
    }

    /// <summary>
    /// The fixture's probes (rows x0..x{n-1}, y0..y{m-1}: PyTorch's float32 outputs on real data): our outputs equal
    /// them to 1e-4 relative to the row's largest output (float32 throughout on PyTorch's side, as its script says).
    /// </summary>
    private static void AssertProbes(Kernel.Model.Network network, string probe)
    {
        var lines = File.ReadAllLines(probe).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var inputs = header.Count(h => h.StartsWith('x'));
        Assert.Equal(network.Inputs, inputs);
        Assert.Equal(network.Outputs, header.Length - inputs);
        var interpreter = new Kernel.Evaluation.Interpreter(network);
        foreach (var line in lines.Skip(1))
        {
            var values = line.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var ours = interpreter.Forward(values.AsSpan(0, inputs));
            var theirs = values[inputs..];
            var scale = Math.Max(1, theirs.Max(Math.Abs));
            for (var i = 0; i < ours.Length; i++)
                Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-4 * scale, $"{Path.GetFileName(probe)}: output {i} is {ours[i]}, PyTorch gave {theirs[i]}");
        }
    }

    private static string Folder() => Support.Fixtures.Onnx;
}
