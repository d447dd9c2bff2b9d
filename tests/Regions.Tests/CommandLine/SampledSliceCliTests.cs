using System.Text.Json;
using Regions.Tests.Support;

namespace Regions.Tests.CommandLine;

/// <summary>
/// <c>regions count</c> on slices without --method exact: the slice options sample (a lower bound below the exact
/// count), their help says so, and every bad slice is still one line with exit code 2.
/// </summary>
public sealed class SampledSliceCliTests
{
    private static string Moons => Fixtures.OnnxFile("mlp_moons_relu.onnx");

    private static string MoonsData => Fixtures.OnnxFile("moons.csv");

    private static JsonElement Json(params string[] args)
    {
        var (code, output, error) = CliRun.Run([.. args, "--json"]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void Every_slice_option_samples_a_lower_bound_of_its_exact_count()
    {
        string[][] slices =
        [
            ["--segment", "-1,0.5:1,-0.25:-2:3"],
            ["--plane", "0.5,0.25:1.5,0.5:-0.5,1.25", "--box", "-1:1,-1:1"],
            ["--data", MoonsData, "--segment-through", "3,10"],
            ["--data", MoonsData, "--plane-through", "3,10,42"],
        ];
        foreach (var slice in slices)
        {
            var sampled = Json(["count", "--model", Moons, "--points", "50000", .. slice]);
            var exact = Json(["count", "--model", Moons, "--method", "exact", .. slice]).GetProperty("regions").GetInt64();
            Assert.Equal("sample", sampled.GetProperty("method").GetString());
            Assert.True(sampled.GetProperty("lowerBound").GetBoolean());
            Assert.InRange(sampled.GetProperty("regions").GetInt64(), 2, exact);
            Assert.True(sampled.TryGetProperty("estimate", out _));
        }
    }

    [Fact]
    public void The_text_output_labels_a_sampled_slice_count_a_lower_bound()
    {
        var (code, output, error) = CliRun.Run("count", "--model", Moons, "--data", MoonsData, "--plane-through", "3,10,42", "--points", "20000");
        Assert.True(code == 0, error);
        Assert.Contains("(lower bound: distinct activation patterns seen)", output);
        Assert.Contains("estimate: ", output);
        Assert.Contains("points: 20000 in 64 cells", output);
    }

    [Fact]
    public void The_help_no_longer_ties_slices_to_the_exact_method()
    {
        var (code, output, _) = CliRun.Run("count", "--help");
        Assert.Equal(0, code);
        Assert.DoesNotContain("Exact: count", output);
        Assert.Contains("exact or sampled", output);
    }

    [Theory]
    [InlineData("'0,0,0:1,0:0,1': O has 3 coordinates, the network has 2 inputs", "--plane", "0,0,0:1,0:0,1", "--box", "0:1,0:1")]
    [InlineData("plane '0,0:1,1:2,2': D1 and D2 are parallel", "--plane", "0,0:1,1:2,2", "--box", "0:1,0:1")]
    [InlineData("--plane needs --box", "--plane", "0,0:1,0:0,1")]
    [InlineData("--segment carries its own range T0:T1; drop --box", "--segment", "0,0:1,0:0:1", "--box", "0:1")]
    [InlineData("segment '0,0:1,0:1:0': T0 = 1 must be below T1 = 0", "--segment", "0,0:1,0:1:0")]
    [InlineData("--box: box '0:1,0:1' has 2 sides", "--segment-through", "0,1", "--box", "0:1,0:1")]
    [InlineData("10 points cannot cover 64 cells", "--segment", "0,0:1,0:0:1", "--points", "10")]
    [InlineData("--definition linear needs --method exact", "--segment", "0,0:1,0:0:1", "--definition", "linear")]
    [InlineData("--regions-out goes with --method exact", "--segment", "0,0:1,0:0:1", "--regions-out", "r.jsonl")]
    [InlineData("row 0 of digits.csv has 64 coordinates, the network has 2 inputs", "--plane-through", "0,1,2", "--digits")]
    public void Bad_sampled_slices_are_one_line_and_exit_2(string message, params string[] slice)
    {
        var data = slice.Contains("--digits") ? Fixtures.OnnxFile("digits.csv") : MoonsData;
        slice = slice.Where(a => a != "--digits").ToArray();
        string[] args = ["count", "--model", Moons, .. slice];
        if (slice.Any(a => a.EndsWith("-through", StringComparison.Ordinal))) args = [.. args, "--data", data];
        var (code, output, error) = CliRun.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
