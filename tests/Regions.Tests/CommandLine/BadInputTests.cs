using System.Text;
using Regions.Kernel.Format;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.CommandLine;

/// <summary>
/// The inputs of issue 11 that ended in an internal error (exit 1, a trace) or were accepted in silence: each must
/// give exit 2 and one line that says what is wrong.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-bad-input-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Save(string name, byte[] content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Model() => Save("model.json", Encoding.UTF8.GetBytes(NetworkWriter.ToJson(TestNetworks.Random(3, 2, [4]))));

    /// <summary>Exit 2, nothing on stdout, and exactly one line on stderr containing <paramref name="message"/>.</summary>
    private static void AssertRefused((int Code, string Out, string Err) run, string message)
    {
        Assert.True(run.Code == 2, $"exit {run.Code}: {run.Err}");
        Assert.Equal("", run.Out);
        var lines = run.Err.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, run.Err);
        Assert.StartsWith("regions: ", lines[0]);
        Assert.Contains(message, lines[0]);
    }

    [Fact]
    public void Invalid_utf8_inside_a_json_string_is_bad_input()
    {
        var json = Encoding.UTF8.GetBytes("""{"format":"pwl-network/1","inputs":1,"name":"x""")
            .Concat(new byte[] { 0xFF, 0xFE })
            .Concat(Encoding.UTF8.GetBytes("\",\"layers\":[{\"activation\":\"relu\",\"weights\":[[1]],\"biases\":[0]}]}")).ToArray();
        AssertRefused(Run("count", "--model", Save("utf8.json", json), "--box", "0:1"), "invalid network: name: a string is not valid UTF-8");
    }

    [Theory]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"layers":[{"activation":"relu","weights":[[1]],"weights":[[2]],"biases":[0]}]}""", "layers[0]: duplicate key \"weights\"")]
    [InlineData("""{"format":"pwl-network/1","format":"pwl-network/1","inputs":1,"layers":[{"activation":"relu","weights":[[1]],"biases":[0]}]}""", "$: duplicate key \"format\"")]
    [InlineData("""{"format":"pwl-network/1","inputs":1,"meta":{"domain":{"lower":[0],"upper":[1],"upper":[2]}},"layers":[{"activation":"relu","weights":[[1]],"biases":[0]}]}""", "meta.domain: duplicate key \"upper\"")]
    public void Duplicate_keys_are_refused_with_the_key_and_path(string json, string message)
    {
        AssertRefused(Run("count", "--model", Save("dup.json", Encoding.UTF8.GetBytes(json)), "--box", "0:1"), message);
    }

    [Theory]
    [InlineData("count", "-1e308:1e308", "wider than a double can hold")]
    [InlineData("count", "-1e300:1e300", "reaches beyond the supported coordinates -1e150..1e150")]
    [InlineData("count", "0:5e-324", "narrower than the supported width 1e-150")]
    [InlineData("submit", "0:5e-324", "narrower than the supported width 1e-150")]
    [InlineData("submit", "-1e308:1e308", "wider than a double can hold")]
    [InlineData("map", "0:5e-324", "narrower than the supported width 1e-150")]
    [InlineData("map", "-1e300:1e300", "reaches beyond the supported coordinates")]
    [InlineData("map", "banana", "box side 'banana' is not of the form LO:HI")]
    [InlineData("map", "1:0", "LO must be below HI")]
    public void Boxes_out_of_range_or_malformed_are_bad_input(string verb, string box, string message)
    {
        var args = new List<string> { verb, "--model", Model(), "--box", box };
        if (verb == "map") args.AddRange(["-o", Path.Combine(directory, "map.png")]);
        // submit checks the job before it opens any backend: no cluster is needed to refuse it.
        if (verb == "submit") args.AddRange(["--server", "http://127.0.0.1:9"]);
        AssertRefused(Run(args.ToArray()), message);
        Assert.False(File.Exists(Path.Combine(directory, "map.png")));
    }

    [Theory]
    [InlineData("0,0:1,1:-1e308:1e308", "T0:T1 reaches beyond the supported coordinates")]
    [InlineData("0,0:1,1:0:5e-324", "T0:T1 is narrower than the supported width 1e-150")]
    [InlineData("1e300,0:1,1:0:1", "1E+300 reaches beyond the supported coordinates")]
    public void Segments_out_of_range_are_bad_input(string segment, string message)
    {
        AssertRefused(Run("count", "--model", Model(), "--method", "exact", "--segment", segment), message);
    }

    [Theory]
    [InlineData("[-1e308]", "[1e308]", "meta.domain: side 1")]
    [InlineData("[0]", "[5e-324]", "narrower than the supported width")]
    public void A_meta_domain_out_of_range_is_bad_input(string lower, string upper, string message)
    {
        var json = """{"format":"pwl-network/1","inputs":1,"meta":{"domain":{"lower":LOWER,"upper":UPPER}},"layers":[{"activation":"relu","weights":[[1]],"biases":[0]}]}"""
            .Replace("LOWER", lower).Replace("UPPER", upper);
        AssertRefused(Run("count", "--model", Save("meta.json", Encoding.UTF8.GetBytes(json))), message);
    }

    [Theory]
    [InlineData("--u", "0,0", "--u is the zero vector")]
    [InlineData("--v", "0,0", "--v is the zero vector")]
    [InlineData("--v", "-2e-30,0", "--u and --v are parallel")]
    public void A_map_needs_two_independent_directions(string option, string value, string message)
    {
        AssertRefused(Run("map", "--model", Model(), "--box", "-1:1", option, value, "-o", Path.Combine(directory, "map.png")), message);
    }

    [Fact]
    public void A_map_into_a_missing_directory_or_onto_a_directory_is_bad_input()
    {
        AssertRefused(Run("map", "--model", Model(), "--box", "-1:1", "--size", "300x300", "-o", Path.Combine(directory, "missing", "map.png")), "does not exist");
        // The picture's format comes from the extension, so the directory is given one.
        var folder = Directory.CreateDirectory(Path.Combine(directory, "maps.svg")).FullName;
        AssertRefused(Run("map", "--model", Model(), "--box", "-1:1", "--size", "300x300", "-o", folder), "is a directory");
    }

    [Fact]
    public void A_maxout_rank_beyond_the_format_is_bad_input()
    {
        AssertRefused(Run("construct", "maxout", "--inputs", "2", "--widths", "2", "--rank", "1000000"), "--rank: 1000000 exceeds the limit of 65536");
        AssertRefused(Run("construct", "random", "--inputs", "2", "--widths", "2", "--rank", "70000"), "--rank: 70000 exceeds the limit of 65536");
    }
}
