using System.Text.Json;
using Regions.Silo;

namespace Regions.Tests.Bounds;

public class BoundsCommandTests
{
    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_lists_every_bound_with_exact_string_values()
    {
        var (exit, stdout, stderr) = Run("bounds", "--inputs", "2", "--widths", "4,4", "--json");
        Assert.True(exit == Cli.Ok, stderr);

        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("inputs").GetInt32());
        Assert.Equal([4, 4], root.GetProperty("widths").EnumerateArray().Select(w => w.GetInt32()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rank").ValueKind);

        var bounds = root.GetProperty("bounds").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!);
        Assert.Equal("44", bounds["pascanu2013-width-2n0"].GetProperty("value").GetString());
        Assert.Equal("37", bounds["shallow-zaslavsky"].GetProperty("value").GetString());
        Assert.Equal("shallow", bounds["shallow-zaslavsky"].GetProperty("subject").GetString());
        Assert.Equal("lower", bounds["montufar2014-thm5"].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, bounds["montufar2014-thm5"].GetProperty("notApplicable").ValueKind);
        Assert.Contains("Theorem 5", bounds["montufar2014-thm5"].GetProperty("citation").GetString());

        var notApplicable = bounds["montufar2014-thm9"];
        Assert.Equal(JsonValueKind.Null, notApplicable.GetProperty("value").ValueKind);
        Assert.False(string.IsNullOrEmpty(notApplicable.GetProperty("notApplicable").GetString()));
        foreach (var bound in bounds.Values) Assert.False(string.IsNullOrEmpty(bound.GetProperty("formula").GetString()));
    }

    [Fact]
    public void Table_shows_values_citations_and_reasons()
    {
        var (exit, stdout, _) = Run("bounds", "--inputs", "2", "--widths", "4,4,4", "--rank", "3");
        Assert.Equal(Cli.Ok, exit);
        Assert.Contains("maxout rank 3", stdout);
        Assert.Contains("Theorem 5", stdout);
        Assert.Contains("Not applicable:", stdout);
        Assert.Contains("serra2018-upper: proved for rectifier units only", stdout);
    }

    [Fact]
    public void Long_values_are_printed_in_full()
    {
        var (exit, stdout, _) = Run("bounds", "--inputs", "1", "--widths", "200");
        Assert.Equal(Cli.Ok, exit);
        Assert.Contains(System.Numerics.BigInteger.Pow(2, 200).ToString(), stdout);
    }

    [Theory]
    [InlineData("--widths", "4,x")]
    [InlineData("--widths", "4,,4")]
    [InlineData("--widths", "0,4")]
    [InlineData("--widths", "1000001")]
    [InlineData("--widths", "4", "--rank", "1")]
    [InlineData("--widths", "4", "--outputs", "0")]
    public void Bad_input_exits_2_with_one_line(params string[] rest)
    {
        var (exit, stdout, stderr) = Run(["bounds", "--inputs", "2", .. rest]);
        Assert.Equal(Cli.BadInput, exit);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("regions: ", lines[0]);
    }

    [Fact]
    public void Too_many_layers_exits_2()
    {
        var widths = string.Join(",", Enumerable.Repeat(2, 10_001));
        var (exit, _, stderr) = Run("bounds", "--inputs", "2", "--widths", widths);
        Assert.Equal(Cli.BadInput, exit);
        Assert.Contains("at most 10000 hidden layers", stderr);
    }

    [Fact]
    public void Missing_required_option_is_a_usage_error()
    {
        var (exit, _, stderr) = Run("bounds", "--widths", "4,4");
        Assert.Equal(Cli.BadInput, exit);
        Assert.Contains("--inputs", stderr);
    }
}
