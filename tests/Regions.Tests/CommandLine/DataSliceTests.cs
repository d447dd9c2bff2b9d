using System.Globalization;
using System.Text;
using System.Text.Json;
using Regions.Tests.Support;

namespace Regions.Tests.CommandLine;

/// <summary>
/// Slices through data (--plane-through, --segment-through with --data): the same counts as the explicit slice
/// through the same points, whatever the file's format, and one line for every bad request.
/// </summary>
public sealed class DataSliceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-data-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Digits => Fixtures.OnnxFile("digits.csv");

    private static string Moons => Fixtures.OnnxFile("moons.csv");

    private static long Regions(params string[] args)
    {
        var (code, output, error) = CliRun.Run([.. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("regions").GetInt64();
    }

    /// <summary>Row <paramref name="index"/> of a fixture CSV without its label, as the reader should see it.</summary>
    private static double[] Row(string csv, int index) =>
        File.ReadAllLines(csv)[index + 1].Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private static string Join(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    [Fact]
    public void A_plane_through_three_rows_counts_as_the_explicit_plane_through_them()
    {
        var model = Fixtures.OnnxFile("mlp_moons_relu.onnx");
        var (a, b, c) = (Row(Moons, 3), Row(Moons, 10), Row(Moons, 42));
        var plane = $"{Join(a)}:{Join(b.Zip(a, (x, y) => x - y))}:{Join(c.Zip(a, (x, y) => x - y))}";
        var explicitCount = Regions("count", "--model", model, "--method", "exact", "--plane", plane, "--box", "-0.25:1.25,-0.25:1.25");
        Assert.Equal(explicitCount, Regions("count", "--model", model, "--method", "exact", "--data", Moons, "--plane-through", "3,10,42"));
        Assert.True(explicitCount > 1);
    }

    [Fact]
    public void A_segment_through_two_digit_images_of_the_cnn_counts_as_the_explicit_segment()
    {
        var model = Fixtures.OnnxFile("cnn_digits.onnx");
        var (a, b) = (Row(Digits, 0), Row(Digits, 35));
        var segment = $"{Join(a)}:{Join(b.Zip(a, (x, y) => x - y))}:0:1";
        var explicitCount = Regions("count", "--model", model, "--method", "exact", "--segment", segment);
        Assert.Equal(explicitCount, Regions("count", "--model", model, "--method", "exact", "--data", Digits, "--segment-through", "0,35", "--box", "0:1"));
        Assert.True(explicitCount > 1);
    }

    [Fact]
    public void Rows_chosen_by_label_are_the_first_rows_with_those_labels()
    {
        var model = Fixtures.OnnxFile("cnn_digits.onnx");
        // digits.csv is sorted by label, four images each: the first 0 is row 0, the first 3 row 12.
        Assert.Equal(
            Regions("count", "--model", model, "--method", "exact", "--data", Digits, "--segment-through", "0,12"),
            Regions("count", "--model", model, "--method", "exact", "--data", Digits, "--segment-through", "label=0,label=3"));
        var (code, _, error) = CliRun.Run("count", "--model", model, "--method", "exact", "--data", Digits, "--segment-through", "label=0,label=x");
        Assert.Equal(2, code);
        Assert.Contains("no row of digits.csv has the label 'x'", error);
    }

    [Fact]
    public void A_npy_file_gives_the_rows_of_the_same_csv()
    {
        var rows = File.ReadAllLines(Moons).Skip(1).Select(l => l.Split(',')[..^1].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var npy = Path.Combine(directory, "moons.npy");
        WriteNpy(npy, rows);
        var model = Fixtures.OnnxFile("mlp_moons_leaky.onnx");
        Assert.Equal(
            Regions("count", "--model", model, "--method", "exact", "--data", Moons, "--plane-through", "1,2,3"),
            Regions("count", "--model", model, "--method", "exact", "--data", npy, "--plane-through", "1,2,3"));
        var (code, _, error) = CliRun.Run("count", "--model", model, "--method", "exact", "--data", npy, "--plane-through", "1,2,label=0");
        Assert.Equal(2, code);
        Assert.Contains("moons.npy has no label column", error);
    }

    [Theory]
    [InlineData("--plane-through", "0,1,400", "row 400 is beyond the 400 rows of moons.csv")]
    [InlineData("--plane-through", "0,1", "plane-through: names 2 rows; it takes 3")]
    [InlineData("--segment-through", "4,4", "two of the points are the same")]
    [InlineData("--plane-through", "0,x,2", "'x' is neither a row number")]
    public void Bad_row_selections_are_one_line_and_exit_2(string option, string rows, string message)
    {
        var (code, _, error) = CliRun.Run("count", "--model", Fixtures.OnnxFile("mlp_moons_relu.onnx"), "--method", "exact", "--data", Moons, option, rows);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.Single(error.Trim().Split('\n'), l => !l.StartsWith("Try", StringComparison.Ordinal));
    }

    [Fact]
    public void Three_rows_on_one_line_and_rows_of_the_wrong_width_are_refused()
    {
        var line = Path.Combine(directory, "line.csv");
        File.WriteAllText(line, "0,0\n1,1\n2,2\n");
        var (code, _, error) = CliRun.Run("count", "--model", Fixtures.OnnxFile("mlp_moons_relu.onnx"), "--method", "exact", "--data", line, "--plane-through", "0,1,2");
        Assert.Equal(2, code);
        Assert.Contains("the three points are on one line", error);
        (code, _, error) = CliRun.Run("count", "--model", Fixtures.OnnxFile("mlp_moons_relu.onnx"), "--method", "exact", "--data", Digits, "--plane-through", "0,1,2");
        Assert.Equal(2, code);
        Assert.Contains("row 0 of digits.csv has 64 coordinates, the network has 2 inputs", error);
    }

    [Fact]
    public void Data_without_rows_and_rows_without_data_are_refused()
    {
        var model = Fixtures.OnnxFile("mlp_moons_relu.onnx");
        var (code, _, error) = CliRun.Run("count", "--model", model, "--method", "exact", "--plane-through", "0,1,2");
        Assert.Equal(2, code);
        Assert.Contains("--data: required by --plane-through", error);
        (code, _, error) = CliRun.Run("count", "--model", model, "--method", "exact", "--data", Moons);
        Assert.Equal(2, code);
        Assert.Contains("--data: names the rows of --plane-through or --segment-through", error);
        (code, _, error) = CliRun.Run("count", "--model", model, "--data", Moons, "--plane-through", "0,1,2", "--regions-out", Path.Combine(directory, "r.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("--regions-out goes with --method exact", error);
    }

    [Fact]
    public void A_truncated_npy_file_is_refused()
    {
        var npy = Path.Combine(directory, "bad.npy");
        WriteNpy(npy, [[1.0, 2.0], [3.0, 4.0]]);
        File.WriteAllBytes(npy, File.ReadAllBytes(npy)[..^8]);
        var (code, _, error) = CliRun.Run("count", "--model", Fixtures.OnnxFile("mlp_moons_relu.onnx"), "--method", "exact", "--data", npy, "--segment-through", "0,1");
        Assert.Equal(2, code);
        Assert.Contains("do not match the", error);
    }

    /// <summary>A float64 C-order array in NumPy's format 1.0, as numpy.save writes it.</summary>
    private static void WriteNpy(string path, double[][] rows)
    {
        var header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows.Length}, {rows[0].Length}), }}";
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = File.Create(path);
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y']);
        stream.Write([1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.Latin1.GetBytes(padded));
        foreach (var row in rows)
            foreach (var value in row) stream.Write(BitConverter.GetBytes(value));
    }
}
