using System.Text.Json;
using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Definitions;

/// <summary><c>regions count --definition</c> and <c>submit</c> as a user calls them: the table of all, and the one-line refusals.</summary>
public sealed class DefinitionCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("regions-definitions-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Model(Network network)
    {
        var path = Path.Combine(directory, $"net{Guid.NewGuid():N}.json");
        File.WriteAllText(path, NetworkWriter.ToJson(network));
        return path;
    }

    /// <summary>relu(x), relu(-x), relu(y), relu(-y) summed: 9 patterns, 4 regions, 4 linear regions, 4 maps on [-1, 1]^2.</summary>
    private string Diamond() => Model(DefinitionCounts.Relu(2, [[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 0, 0], [1, 1, 1, 1]));

    private static void AssertRefused((int Code, string Out, string Err) run, string message)
    {
        Assert.Equal(2, run.Code);
        Assert.Contains(message, run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    [Fact]
    public void All_prints_every_definition_side_by_side_in_text_and_json()
    {
        var model = Diamond();
        var text = CliRun.Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--definition", "all");
        Assert.Equal(0, text.Code);
        Assert.Contains("patterns (R1):", text.Out);
        Assert.Matches(@"patterns \(R1\):\s+9", text.Out);
        Assert.Matches(@"activation \(R2\):\s+4", text.Out);
        Assert.Matches(@"linear \(R4\):\s+4", text.Out);
        Assert.Matches(@"affine \(R6\):\s+4", text.Out);

        var json = CliRun.Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--definition", "all", "--json");
        Assert.Equal(0, json.Code);
        var definitions = JsonDocument.Parse(json.Out).RootElement.GetProperty("definitions");
        Assert.Equal((9, 4, 4, 4), (definitions.GetProperty("patterns").GetInt64(), definitions.GetProperty("activation").GetInt64(),
            definitions.GetProperty("linear").GetInt64(), definitions.GetProperty("affine").GetInt64()));
    }

    [Fact]
    public void One_definition_counts_as_before_and_says_which()
    {
        var run = CliRun.Run("count", "--model", Diamond(), "--box", "-1:1", "--method", "exact", "--definition", "patterns", "--json");
        Assert.Equal(0, run.Code);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal((9L, "patterns"), (root.GetProperty("regions").GetInt64(), root.GetProperty("definition").GetString()));
    }

    /// <summary>relu(x), relu(-x), relu(y + z + 0.1) on [-1, 1]^3: the pair is (1, 0), (0, 1), or (0, 0) on x = 0, times the third on or off: 6 patterns, 4 regions, 4 maps.</summary>
    private string Box3() => Model(DefinitionCounts.Relu(3, [[1, 0, 0], [-1, 0, 0], [0, 1, 1]], [0, 0, 0.1], [1, 1, 1]));

    /// <summary>max(x, y) and max(y, x) on [-1, 1]^2: both in state 0 on x = y only; 3 patterns, 2 regions, f = 2 max(x, y) has 2 maps.</summary>
    private string MaxoutPair() => Model(new Network(2, [
        new Layer(Activation.Maxout, 4, 2, [1, 0, 0, 1, 0, 1, 1, 0], [0, 0, 0, 0], rank: 2), new Layer(Activation.Linear, 1, 2, [1, 1], [0])]));

    [Fact]
    public void All_in_an_n_dimensional_box_counts_patterns_too()
    {
        var run = CliRun.Run("count", "--model", Box3(), "--box", "-1:1", "--method", "exact", "--definition", "all");
        Assert.Equal(0, run.Code);
        Assert.Matches(@"patterns \(R1\):\s+6", run.Out);
        Assert.Matches(@"activation \(R2\):\s+4", run.Out);
        Assert.DoesNotContain("not counted", run.Out);
    }

    [Fact]
    public void Patterns_count_in_an_n_dimensional_box_and_with_maxout_units()
    {
        var box = CliRun.Run("count", "--model", Box3(), "--box", "-1:1", "--method", "exact", "--definition", "patterns", "--json");
        Assert.Equal(0, box.Code);
        Assert.Equal(6L, JsonDocument.Parse(box.Out).RootElement.GetProperty("regions").GetInt64());

        var maxout = MaxoutPair();
        var text = CliRun.Run("count", "--model", maxout, "--box", "-1:1", "--method", "exact", "--definition", "patterns");
        Assert.Equal(0, text.Code);
        Assert.Contains("(exact: activation patterns)", text.Out);
        var all = CliRun.Run("count", "--model", maxout, "--box", "-1:1", "--method", "exact", "--definition", "all", "--json");
        Assert.Equal(0, all.Code);
        var definitions = JsonDocument.Parse(all.Out).RootElement.GetProperty("definitions");
        Assert.Equal((3, 2, 2, 2), (definitions.GetProperty("patterns").GetInt64(), definitions.GetProperty("activation").GetInt64(),
            definitions.GetProperty("linear").GetInt64(), definitions.GetProperty("affine").GetInt64()));
    }

    [Fact]
    public void A_constructions_expected_count_is_shown_only_beside_the_definition_it_counts()
    {
        var model = Path.Combine(directory, "montufar.json");
        Assert.Equal(0, CliRun.Run("construct", "montufar", "--inputs", "1", "--widths", "3,3", "-o", model).Code);
        var activation = CliRun.Run("count", "--model", model, "--method", "exact", "--definition", "activation");
        Assert.Contains("construction's count: 12", activation.Out);
        // On [0, 1] the first unit's breakpoint is the box's end x = 0: a pattern the construction's count is not about.
        var patterns = CliRun.Run("count", "--model", model, "--method", "exact", "--definition", "patterns");
        Assert.Equal(0, patterns.Code);
        Assert.DoesNotContain("construction's count", patterns.Out);
        Assert.Contains("(exact: activation patterns)", patterns.Out);
    }

    [Theory]
    [InlineData("affine")]
    [InlineData("patterns")]
    [InlineData("all")]
    public void Sampling_counts_activation_regions_only(string definition) =>
        AssertRefused(CliRun.Run("count", "--model", Diamond(), "--box", "-1:1", "--definition", definition), $"--definition {definition} needs --method exact");

    [Theory]
    [InlineData("affine", "affine is counted by regions count and POST /count only")]
    [InlineData("patterns", "patterns is counted by regions count and POST /count only")]
    [InlineData("all", "--definition all is for regions count")]
    public void A_distributed_job_refuses_what_it_cannot_merge(string definition, string message) =>
        AssertRefused(CliRun.Run("submit", "--model", Diamond(), "--box", "-1:1", "--method", "exact", "--definition", definition), message);
}
