using System.Text.Json;
using Regions.Kernel.Format;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.CommandLine;

public class CountCommandTests
{
    private static string SaveTemporary(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Json_output_has_the_documented_fields()
    {
        var path = SaveTemporary(NetworkWriter.ToJson(TestNetworks.Random(2, 2, [4, 4])));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, stdout, stderr) = Run("count", "--model", path, "--box", "-1:1", "--points", "50000", "--cells", "8", "--json");
        var elapsed = clock.Elapsed.TotalSeconds;
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("regions").GetInt64() > 1);
        Assert.Equal("sample", root.GetProperty("method").GetString());
        Assert.Equal(50000, root.GetProperty("points").GetInt64());
        Assert.Equal(8, root.GetProperty("cells").GetInt32());
        // The time the count took: positive, and within the time the whole command took.
        Assert.InRange(root.GetProperty("seconds").GetDouble(), 1e-7, elapsed);
        Assert.True(root.GetProperty("lowerBound").GetBoolean());
        File.Delete(path);
    }

    [Fact]
    public void Exact_json_has_no_points()
    {
        var path = SaveTemporary(NetworkWriter.ToJson(TestNetworks.Random(2, 2, [4])));
        var (code, stdout, stderr) = Run("count", "--model", path, "--box", "-1:1", "--method", "exact", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("points").ValueKind);
        File.Delete(path);
    }

    [Theory]
    [InlineData("--box", "1:0", "LO must be below HI")]
    [InlineData("--box", "0:1,0:1,0:1", "3 sides, expected 1 or 2")]
    [InlineData("--points", "-5", "points must be in")]
    [InlineData("--cells", "0", "cells must be in")]
    [InlineData("--method", "guess", "guess")]
    public void Bad_usage_exits_with_2_and_one_clear_line(string option, string value, string message)
    {
        var path = SaveTemporary(NetworkWriter.ToJson(TestNetworks.Random(2, 2, [4])));
        var args = new List<string> { "count", "--model", path, "--box", "-1:1" };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.AddRange([option, value]);
        var (code, stdout, stderr) = Run(args.ToArray());
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
        File.Delete(path);
    }

    [Fact]
    public void A_malformed_model_names_the_json_path()
    {
        var path = SaveTemporary("""{"format":"pwl-network/1","inputs":2,"layers":[{"activation":"relu","weights":[[1,2],[1,2,3]],"biases":[0,0]}]}""");
        var (code, _, stderr) = Run("count", "--model", path, "--box", "0:1");
        Assert.Equal(2, code);
        Assert.Equal("regions: invalid network: layers[0].weights[1]: 3 columns, expected 2", stderr.Trim());
        File.Delete(path);
    }
}
