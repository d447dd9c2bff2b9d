using System.Globalization;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Silo.Commands;
using Regions.Tests.Support;

namespace Regions.Tests.Reproduce;

/// <summary>
/// <c>regions templates</c>: each map it writes is the gradient of the unit's value at the input, measured by central
/// differences on a forward pass written here from the layers' weights (not the interpreter nor the region maps),
/// at inputs whose pattern does not change over the differences' steps (so the input is inside its region); and its
/// offset makes the map equal the unit's value there. Bad layers and units are one line with exit code 2.
/// </summary>
public sealed class TemplatesTests : IDisposable
{
    private const double Step = 1e-6;

    private readonly string directory = Directory.CreateTempSubdirectory("regions-templates-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Sinusoid(string file) => Path.Combine(Fixtures.Repository(), "tests", "fixtures", "sinusoid", file);

    private sealed record Map(string Row, int Unit, double Offset, double Value, double[] Gradient);

    /// <summary>Runs the command and reads back its --values file.</summary>
    private List<Map> Templates(string model, string data, params string[] extra)
    {
        var picture = Path.Combine(directory, "t.svg");
        var values = Path.Combine(directory, "t.csv");
        var (code, output, error) = CliRun.Run(["templates", "--model", model, "--data", data, "-o", picture, "--values", values, .. extra]);
        Assert.True(code == 0, error);
        Assert.StartsWith(picture + ":", output);
        Assert.True(new FileInfo(picture).Length > 0);
        return File.ReadAllLines(values).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c => new Map(c[0], int.Parse(c[2]),
            double.Parse(c[4], CultureInfo.InvariantCulture), double.Parse(c[5], CultureInfo.InvariantCulture),
            c[6..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())).ToList();
    }

    /// <summary>The value of unit <paramref name="unit"/> of layer <paramref name="layer"/> (1-based): its pre-activation, or a maxout unit's largest piece.</summary>
    private static double UnitValue(Network network, double[] x, int layer, int unit)
    {
        var a = x;
        for (var l = 0; l < layer; l++)
        {
            var spec = network.Layers[l];
            var z = new double[spec.Rows];
            for (var r = 0; r < spec.Rows; r++)
            {
                z[r] = spec.Biases[r];
                for (var c = 0; c < spec.Columns; c++) z[r] += spec.Weight(r, c) * a[c];
            }
            if (l == layer - 1)
                return spec.Activation == Activation.Maxout ? z.Skip(unit * spec.Rank).Take(spec.Rank).Max() : z[unit];
            Assert.Equal(0, spec.Carried);
            a = spec.Activation switch
            {
                Activation.Relu => z.Select(v => Math.Max(v, 0)).ToArray(),
                Activation.Maxout => Enumerable.Range(0, spec.Units).Select(u => z.Skip(u * spec.Rank).Take(spec.Rank).Max()).ToArray(),
                Activation.Linear => z,
                var other => throw new InvalidOperationException($"the test's forward pass has no {other}"),
            };
        }
        throw new InvalidOperationException("unreachable");
    }

    private static double[] Row(string csv, int index) =>
        File.ReadAllLines(csv)[index + 1].Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private void AssertFiniteDifferences(string model, string data, int layer, string units, string rows)
    {
        var network = ModelFiles.Read(model);
        var interpreter = new Interpreter(network);
        var maps = Templates(model, data, "--layer", $"{layer}", "--units", units, "--rows", rows);
        Assert.Equal(units.Split(',').Length * rows.Split(',').Length, maps.Count);
        var checkedCoordinates = 0;
        foreach (var map in maps)
        {
            var x = Row(data, int.Parse(map.Row));
            Assert.Equal(network.Inputs, map.Gradient.Length);
            var value = UnitValue(network, x, layer, map.Unit);
            Assert.Equal(value, map.Value, 1e-9 * (1 + Math.Abs(value)));
            var pattern = interpreter.Pattern(x);
            var scale = 1 + map.Gradient.Max(Math.Abs);
            for (var k = 0; k < x.Length; k++)
            {
                var (plus, minus) = ((double[])x.Clone(), (double[])x.Clone());
                plus[k] += Step;
                minus[k] -= Step;
                // Inside the region on both sides: the map holds there, so the difference quotient is its slope.
                Assert.Equal(pattern, interpreter.Pattern(plus));
                Assert.Equal(pattern, interpreter.Pattern(minus));
                var slope = (UnitValue(network, plus, layer, map.Unit) - UnitValue(network, minus, layer, map.Unit)) / (2 * Step);
                Assert.True(Math.Abs(slope - map.Gradient[k]) <= 1e-6 * scale, $"row {map.Row}, unit {map.Unit}, input {k}: template {map.Gradient[k]}, finite difference {slope}");
                checkedCoordinates++;
            }
        }
        Assert.Equal(maps.Count * network.Inputs, checkedCoordinates);
    }

    [Theory]
    [InlineData(1, "0,17,200")]
    [InlineData(2, "0,5,63")]
    [InlineData(3, "0,31,64,127")]
    [InlineData(4, "0,3,9")]
    public void The_digits_cnn_templates_are_the_gradients_of_its_units(int layer, string units) =>
        AssertFiniteDifferences(Fixtures.OnnxFile("cnn_digits.onnx"), Jittered(Fixtures.OnnxFile("digits.csv")), layer, units, "0,12,25,39");

    /// <summary>
    /// The digits moved by up to 1e-3 per pixel (seeded): a blank background gives equal conv values in a max-pool window,
    /// a tie that puts the digit itself on a region boundary, where the unit's value has no gradient to compare with; a
    /// jittered digit lies inside a region.
    /// </summary>
    private string Jittered(string csv)
    {
        var random = new Random(5);
        var lines = File.ReadAllLines(csv);
        var moved = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(cells => string.Join(",",
            cells[..^1].Select(v => (double.Parse(v, CultureInfo.InvariantCulture) + (2 * random.NextDouble() - 1) * 1e-3).ToString("R", CultureInfo.InvariantCulture))
                .Append(cells[^1])));
        var path = Path.Combine(directory, "digits-jittered.csv");
        File.WriteAllLines(path, moved.Prepend(lines[0]));
        return path;
    }

    [Theory]
    [InlineData(1, "0,9")]
    [InlineData(2, "0,4,9")]
    [InlineData(3, "0")]
    public void The_sinusoid_mlp_templates_are_the_gradients_of_its_units(int layer, string units) =>
        AssertFiniteDifferences(Sinusoid("deep_2x10.onnx"), Sinusoid("sinusoid.csv"), layer, units, "0,1,2,500,1999");

    [Fact]
    public void Rows_by_label_and_the_default_units_and_rows_work_on_the_digits()
    {
        var maps = Templates(Fixtures.OnnxFile("cnn_digits.onnx"), Fixtures.OnnxFile("digits.csv"), "--layer", "3", "--rows", "label=3,label=6");
        Assert.Equal(2 * 8, maps.Count);
        Assert.Equal(["label=3", "label=6"], maps.Select(m => m.Row).Distinct());
        var png = Path.Combine(directory, "t.png");
        var (code, output, error) = CliRun.Run("templates", "--model", Fixtures.OnnxFile("cnn_digits.onnx"), "--data", Fixtures.OnnxFile("digits.csv"), "--layer", "3", "-o", png);
        Assert.True(code == 0, error);
        Assert.Contains("8 inputs x 8 units of layer 3", output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
    }

    [Theory]
    [InlineData("--layer", "0", "--layer: 0 is out of range: the network has 4 layers (1..4)")]
    [InlineData("--layer", "5", "--layer: 5 is out of range: the network has 4 layers (1..4)")]
    [InlineData("--units", "128", "--units: unit 128 is out of range: layer 3 has 128 units (0..127)")]
    [InlineData("--units", "x", "--units: 'x' is not a unit number (units are numbered from 0)")]
    [InlineData("--rows", "40", "row 40 is beyond the 40 rows of digits.csv")]
    public void A_bad_layer_unit_or_row_is_one_line_and_exit_code_2(string option, string value, string message)
    {
        string[] args = ["templates", "--model", Fixtures.OnnxFile("cnn_digits.onnx"), "--data", Fixtures.OnnxFile("digits.csv"), "-o", Path.Combine(directory, "t.svg")];
        args = option == "--layer" ? [.. args, "--layer", value] : [.. args, "--layer", "3", option, value];
        var (code, output, error) = CliRun.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"regions: {message}", error.Trim());
        Assert.False(File.Exists(Path.Combine(directory, "t.svg")));
    }
}
