using Onnx;
using Regions.Kernel;

namespace Regions.Tests.Onnx;

/// <summary>
/// Every model under tests/fixtures/onnx (exported by PyTorch; see the manifest there) imports and agrees with ONNX
/// Runtime (and, where a probe file is beside it, PyTorch's own outputs on real data), or, if it holds what only
/// pwl-network/2 will express (a skip connection, per-channel slopes), is refused saying so. Without that folder the theory has one case, which says so and passes: the folder is committed by the
/// fixture script's author, and this test is its check.
/// </summary>
public sealed class OnnxFixtureTests
{
    public const string NoFolder = "(no tests/fixtures/onnx folder)";

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        var folder = Folder();
        if (folder is null)
        {
            data.Add(NoFolder);
            return data;
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(folder, file));
        if (data.Count == 0) data.Add("(no .onnx file in tests/fixtures/onnx)");
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_imports_and_agrees_with_onnx_runtime(string fixture)
    {
        var folder = Folder();
        if (folder is null)
        {
            Assert.Equal(NoFolder, fixture);
            return;
        }
        Assert.False(fixture.StartsWith('('), $"tests/fixtures/onnx exists but holds no .onnx file");
        var path = Path.Combine(folder, fixture);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        try
        {
            var (network, compared) = OrtAgreement.Check(model, samples: 8);
            Assert.True(compared > 0 || !network.Layers.Any(l => l.IsPiecewise), "no unit state was compared");
            var probe = Path.ChangeExtension(path, ".probe.csv");
            if (File.Exists(probe)) AssertProbes(network, probe);
        }
        catch (InvalidRequestException e) when (e.Message.Contains("pwl-network/2", StringComparison.Ordinal))
        {
            // A model this slice cannot express as a chain: refused, naming the node and the format that will.
        }
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

    private static string? Folder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "README.md"))) directory = directory.Parent;
        var folder = directory is null ? null : Path.Combine(directory.FullName, "tests", "fixtures", "onnx");
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }
}
