using System.Text;
using Regions.Grains.Cells;
using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Limits;
using Regions.Kernel.Model;
using Regions.Tests.Support;

namespace Regions.Tests.Limits;

/// <summary>The limits themselves: defaults as documented, the API's message, the streaming weight count, the memory formula, the cell-failure rule.</summary>
public class ResourceLimitsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones_and_the_readme_lists_every_key()
    {
        var d = ResourceLimits.Default;
        Assert.Equal((1L << 30, 100_000, 100_000, 1_000_000, 50_000_000, 10_000, 1_000_000_000_000, 1_000_000, 4L << 30),
            (d.FileBytes, d.Inputs, d.LayerUnits, d.Units, d.Weights, d.Layers, d.Points, d.Cells, d.MemoryBytes));
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var limits = readme[readme.IndexOf("## Limits", StringComparison.Ordinal)..];
        foreach (var (key, _, _) in ResourceLimits.Keys) Assert.Contains($"`{key}`", limits);
    }

    [Fact]
    public void The_api_says_its_limits_are_fixed_and_the_cli_how_to_raise_them()
    {
        Assert.Equal("network has 100,000,000 weights, above the limit of 50,000,000 (raise it with --budget weights=N)",
            (ResourceLimits.Default with { Raisable = true }).Exceeded("network has 100,000,000 weights", "weights"));
        var api = ResourceLimits.Default.Exceeded("network has 100,000,000 weights", "weights");
        Assert.Contains("the API's limits are fixed", api);
        Assert.DoesNotContain("--budget weights", api);
    }

    [Fact]
    public void Fifty_million_and_one_weights_are_refused_by_the_streaming_count_before_the_document_is_built()
    {
        // About 100 MB of text; the document model alone would take over 600 MB more, the weights 400 MB.
        const int columns = 50_000_001;
        var head = Encoding.UTF8.GetBytes($$"""{"format":"pwl-network/1","inputs":{{columns}},"layers":[{"activation":"linear","weights":[[""");
        var tail = Encoding.UTF8.GetBytes("""]],"biases":[0]}]}""");
        var text = new byte[head.Length + 2 * columns - 1 + tail.Length];
        head.CopyTo(text, 0);
        for (var i = 0; i < columns; i++)
        {
            text[head.Length + 2 * i] = (byte)'0';
            if (i + 1 < columns) text[head.Length + 2 * i + 1] = (byte)',';
        }
        tail.CopyTo(text, head.Length + 2 * columns - 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidRequestException>(() => NetworkReader.Parse(text));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the refusal allocated a document");
        Assert.StartsWith("network has 50,000,001 weights, above the limit of 50,000,000", error.Message);
    }

    [Fact]
    public void A_document_padded_with_values_beyond_any_network_within_the_budgets_is_refused()
    {
        var meta = string.Join(",", Enumerable.Repeat("0", 3_000));
        var json = """{"format":"pwl-network/1","inputs":1,"layers":[{"activation":"linear","weights":[[1]],"biases":[0]}],"meta":{"junk":[""" + meta + "]}}";
        var limits = ResourceLimits.Default with { Weights = 10, Units = 10, Raisable = true };
        Assert.NotNull(NetworkReader.Parse(json, ResourceLimits.Default));
        var error = Assert.Throws<InvalidRequestException>(() => NetworkReader.Parse(json.Replace("\"junk\":[", "\"junk\":[" + string.Join(",", Enumerable.Repeat("0", 1_000_000)) + ","), limits));
        Assert.Contains("JSON values, more than a network within the weights and units budgets can have", error.Message);
        Assert.Contains("--budget weights=N", error.Message);
    }

    [Fact]
    public void A_job_submitted_with_raised_budgets_is_read_back_by_a_silo_without_them()
    {
        var wide = TestNetworks.Random(3, 1, [100_001]);
        var raised = ResourceLimits.Default with { LayerUnits = 200_000, Raisable = true };
        var job = new Grains.Jobs.CountJob(wide, Kernel.Geometry.Box.Cube(1, -1, 1), Grains.Jobs.CountMethod.Sample, 1000, 1, 0, Grains.Jobs.SamplerKind.Random) { Limits = raised }.Validated(1);
        var spec = Grains.Storage.JobSpec.From(job);
        Assert.Throws<InvalidRequestException>(() => NetworkReader.Parse(spec.Network));
        Assert.Equal(100_001, spec.ToCountJob().Validated(1).Network.Layers[0].Units);
    }

    [Fact]
    public void The_memory_estimate_follows_the_formula_in_its_comment()
    {
        var network = TestNetworks.Random(1, 3, [100, 50]);
        // P = 3*100+100 + 100*50+50 + 50+1 = 5501 parameters; W = 100, R = 100, n0 = 3, w = 3 words (150 units).
        Assert.Equal(8L * 5501 * 4, MemoryEstimate.Bytes(network, sampling: false, threads: 2));
        Assert.Equal(8L * 5501 * 4 + 2 * 8L * 128 * (2 * 100 + 100 + 3 + 2 * 3 + 2), MemoryEstimate.Bytes(network, sampling: true, threads: 2));
    }

    [Fact]
    public void A_refusal_fails_a_job_at_once_and_any_other_failure_after_three_attempts()
    {
        Assert.True(CellFailures.IsRefusal(new InvalidRequestException("x")));
        Assert.True(CellFailures.IsRefusal(new NetworkFormatException("layers", "x")));
        Assert.False(CellFailures.IsRefusal(new OutOfMemoryException()));
        Assert.Equal("double precision cannot tell", CellFailures.JobFailure(4, 1, refusal: true, "double precision cannot tell"));
        Assert.Null(CellFailures.JobFailure(4, 1, refusal: false, "boom"));
        Assert.Null(CellFailures.JobFailure(4, 2, refusal: false, "boom"));
        Assert.Equal("cell 4 failed 3 times: boom", CellFailures.JobFailure(4, 3, refusal: false, "boom"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "README.md"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("README.md not found above the test binaries");
    }
}
