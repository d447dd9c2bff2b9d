using System.Text.Json;
using Regions.Kernel.Format;
using Regions.Tests.Support;
using Regions.Theory.Constructions;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Exact;

public sealed class ExactCommandTests
{
    private static string Save(Kernel.Model.Network network)
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-exact-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(network, path);
        return path;
    }

    [Theory]
    [InlineData("activation", "expectedActivationRegions")]
    [InlineData("linear", "expectedLinearRegions")]
    public void Exact_json_on_a_construction_reports_its_meta_count(string definition, string key)
    {
        var network = NetworkConstructions.Build("montufar", new ConstructionRequest(2, [4, 4, 3]));
        var path = Save(network);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, stdout, stderr) = Run("count", "--model", path, "--method", "exact", "--definition", definition, "--cells", "9", "--json");
        var elapsed = clock.Elapsed.TotalSeconds;
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(long.Parse(network.Meta![key]!.ToString()), root.GetProperty("regions").GetInt64());
        Assert.Equal("exact", root.GetProperty("method").GetString());
        Assert.Equal(definition, root.GetProperty("definition").GetString());
        Assert.False(root.GetProperty("lowerBound").GetBoolean());
        Assert.Equal(9, root.GetProperty("cells").GetInt32());
        // The time the count took: positive, and within the time the whole command took.
        Assert.InRange(root.GetProperty("seconds").GetDouble(), 1e-7, elapsed);
        File.Delete(path);
    }

    [Fact]
    public void Regions_out_writes_one_valid_line_per_region_and_a_segment_counts_like_the_file_says()
    {
        var network = TestNetworks.Random(9, 3, [8, 8]);
        var model = Save(network);
        var output = Path.Combine(Path.GetTempPath(), $"regions-{Guid.NewGuid():N}.jsonl");
        var (code, stdout, stderr) = Run("count", "--model", model, "--method", "exact", "--segment", "0,0,0:1,-1,0.5:-1:1", "--cells", "1", "--regions-out", output, "--json");
        Assert.True(code == 0, stderr);
        var regions = JsonDocument.Parse(stdout).RootElement.GetProperty("regions").GetInt64();
        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(regions, lines.Length);
        Assert.Equal(lines.Length, lines.Select(l => l.GetProperty("fingerprint").GetString()).Distinct().Count());
        var intervals = lines.Select(l => l.GetProperty("interval")).Select(i => (i[0].GetDouble(), i[1].GetDouble())).OrderBy(i => i.Item1).ToArray();
        Assert.Equal(-1, intervals[0].Item1);
        Assert.Equal(1, intervals[^1].Item2);
        var interpreter = new Kernel.Evaluation.Interpreter(network);
        foreach (var line in lines)
        {
            var x = line.GetProperty("interiorPoint").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(3, x.Length);
            var states = line.GetProperty("pattern")[0].EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var pattern = interpreter.Pattern(x);
            Assert.Equal(Enumerable.Range(0, 8).Select(u => network.Layout.State(pattern, 0, u)), states);
            Assert.Equal("t", line.GetProperty("coordinates").GetString());
        }
        File.Delete(model);
        File.Delete(output);
    }

    [Fact]
    public void A_plane_slice_writes_polygons()
    {
        var model = Save(TestNetworks.Random(4, 3, [6]));
        var output = Path.Combine(Path.GetTempPath(), $"regions-{Guid.NewGuid():N}.jsonl");
        var (code, _, stderr) = Run("count", "--model", model, "--method", "exact", "--plane", "0,0,0.2:1,0,0:0,1,1", "--box", "-1:1,-1:1", "--cells", "1", "--regions-out", output);
        Assert.True(code == 0, stderr);
        var polygons = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("polygon")).ToArray();
        var area = polygons.Sum(p => CrossValidationTests.Area(p.EnumerateArray().Select(v => (v[0].GetDouble(), v[1].GetDouble())).ToArray()));
        Assert.Equal(4.0, area, 9);
        File.Delete(model);
        File.Delete(output);
    }

    [Theory]
    [InlineData("--segment", "0,0:1:0:1", "D has 1 coordinates, the network has 2 inputs")]
    [InlineData("--segment", "0,0:1,1:1:0", "must be below T1")]
    [InlineData("--segment", "0,0:1,x:0:1", "is not a finite number")]
    [InlineData("--segment", "0,0:0,0:0:1", "a slice direction is zero")]
    [InlineData("--plane", "0,0:1,0:2,0", "D1 and D2 are parallel")]
    public void Bad_slices_exit_2_with_one_line(string option, string value, string message)
    {
        var model = Save(TestNetworks.Random(1, 2, [4]));
        var args = new List<string> { "count", "--model", model, "--method", "exact", option, value };
        if (option == "--plane") args.AddRange(["--box", "0:1,0:1"]);
        var (code, _, stderr) = Run(args.ToArray());
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        File.Delete(model);
    }

    [Theory]
    [InlineData("--definition", "linear", "--method", "sample")]
    [InlineData("--regions-out", "regions.jsonl", "--method", "sample")]
    public void Exact_only_options_are_refused_with_sampling(string a, string b, string c, string d)
    {
        var model = Save(TestNetworks.Random(1, 2, [4]));
        var (code, _, stderr) = Run("count", "--model", model, "--box", "0:1", a, b, c, d);
        Assert.Equal(2, code);
        Assert.Contains("exact", stderr);
        File.Delete(model);
    }
}
