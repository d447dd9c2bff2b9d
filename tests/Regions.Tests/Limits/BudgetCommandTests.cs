using Regions.Kernel.Format;
using Regions.Kernel.Model;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Limits;

/// <summary>The budgets on the command line: every one refuses with exit 2 naming itself and --budget, before any work; --budget raises them.</summary>
public sealed class BudgetCommandTests : IDisposable
{
    private readonly List<string> files = [];

    private string Save(Network network) => Save(NetworkWriter.ToJson(network, indented: false));

    private string Save(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-budget-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        files.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var file in files) File.Delete(file);
    }

    private static void AssertRefused((int Code, string Out, string Err) run, string message, string key)
    {
        Assert.True(run.Code == 2, run.Err);
        Assert.Contains(message, run.Err);
        Assert.Contains($"(raise it with --budget {key}=N)", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("inputs=2", "network has 3 inputs, above the limit of 2", "inputs")]
    [InlineData("layer-units=7", "layers[1] has 8 units, above the limit of 7", "layer-units")]
    [InlineData("units=13", "network has 14 units up to layers[1], above the limit of 13", "units")]
    [InlineData("weights=60", "network has 74 weights, above the limit of 60", "weights")]
    [InlineData("layers=2", "network has 3 layers, above the limit of 2", "layers")]
    [InlineData("file=1KiB", "bytes, above the limit of 1,024 bytes", "file")]
    public void A_network_above_a_budget_is_refused_naming_it(string budget, string message, string key)
    {
        // 3 inputs, layers of 6, 8 and 1 units: 18 + 48 + 8 = 74 weights, counted in the file before it is parsed.
        var path = Save(TestNetworks.Random(3, 3, [6, 8]));
        var png = Path.Combine(Path.GetTempPath(), $"regions-budget-{Guid.NewGuid():N}.png");
        AssertRefused(Run("count", "--model", path, "--box", "-1:1", "--budget", budget), message, key);
        AssertRefused(Run("submit", "--model", path, "--box", "-1:1", "--budget", budget), message, key);
        AssertRefused(Run("map", "--model", path, "--box", "-1:1,-1:1", "-o", png, "--budget", budget), message, key);
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void Budgets_are_raised_and_the_last_assignment_of_a_key_wins()
    {
        var path = Save(TestNetworks.Random(3, 3, [6, 8]));
        Assert.Equal(2, Run("count", "--model", path, "--box", "-1:1", "--points", "2000", "--budget", "weights=10").Code);
        var raised = Run("count", "--model", path, "--box", "-1:1", "--points", "2000", "--budget", "weights=10", "--budget", "weights=1k");
        Assert.True(raised.Code == 0, raised.Err);
    }

    [Fact]
    public void A_file_above_the_default_file_budget_is_refused_before_it_is_read()
    {
        // A sparse file: its length says 1.5 GiB without a byte written, and nothing reads it if the length is checked first.
        var path = Path.Combine(Path.GetTempPath(), $"regions-budget-{Guid.NewGuid():N}.json");
        files.Add(path);
        using (var file = File.Create(path)) file.SetLength(3L << 29);
        var run = Run("count", "--model", path, "--box", "-1:1");
        AssertRefused(run, "bytes, above the limit of 1 GiB", "file");
        Assert.Contains("1,610,612,736 bytes", run.Err);
    }

    [Fact]
    public void Points_and_cells_above_their_budgets_are_refused()
    {
        var path = Save(TestNetworks.Random(3, 2, [4]));
        AssertRefused(Run("count", "--model", path, "--box", "-1:1", "--points", "5000", "--budget", "points=4k"), "job has 5,000 points, above the limit of 4,000", "points");
        AssertRefused(Run("count", "--model", path, "--box", "-1:1", "--cells", "1000001", "--points", "2000000"), "job has 1,000,001 cells, above the limit of 1,000,000", "cells");
        AssertRefused(Run("submit", "--model", path, "--box", "-1:1", "--points", "2000000000000"), "job has 2,000,000,000,000 points, above the limit of 1,000,000,000,000", "points");
    }

    [Fact]
    public void A_job_whose_scratch_memory_is_above_the_budget_is_refused_and_fewer_threads_fit()
    {
        // 60,000 relu units on one input: each sampling thread holds three batches of 60,000 doubles per point (about 184 MB).
        var path = Save(TestNetworks.Random(5, 1, [60_000]));
        var run = Run("count", "--model", path, "--box", "-1:1", "--points", "256", "--cells", "1", "--threads", "32");
        AssertRefused(run, "job needs an estimated 5.", "memory");
        Assert.Contains("scratch for 32 worker threads), above the limit of 4 GiB", run.Err);
        var fits = Run("count", "--model", path, "--box", "-1:1", "--points", "256", "--cells", "1", "--threads", "1");
        Assert.True(fits.Code == 0, fits.Err);
        var raised = Run("count", "--model", path, "--box", "-1:1", "--points", "256", "--cells", "1", "--threads", "32", "--budget", "memory=8GiB");
        Assert.True(raised.Code == 0, raised.Err);
    }

    [Fact]
    public void A_map_above_the_memory_budget_is_refused_before_it_draws()
    {
        var path = Save(TestNetworks.Random(3, 2, [4]));
        var png = Path.Combine(Path.GetTempPath(), $"regions-budget-{Guid.NewGuid():N}.png");
        AssertRefused(Run("map", "--model", path, "--box", "-1:1,-1:1", "-o", png, "--budget", "memory=1KiB"), "map needs an estimated", "memory");
        Assert.False(File.Exists(png));
    }

    [Theory]
    [InlineData("speed=3", "--budget: unknown budget 'speed'; keys: file, inputs, layer-units, units, weights, layers, points, cells, memory")]
    [InlineData("weights=lots", "--budget: weights: 'lots' is not a positive integer (suffixes k, M, G)")]
    [InlineData("memory=-1", "--budget: memory: '-1' is not a positive integer of bytes (suffixes KiB, MiB, GiB, TiB)")]
    [InlineData("weights", "--budget: 'weights' is not KEY=VALUE")]
    public void A_bad_budget_is_a_usage_error(string budget, string message)
    {
        var path = Save(TestNetworks.Random(3, 2, [4]));
        var run = Run("count", "--model", path, "--box", "-1:1", "--budget", budget);
        Assert.Equal(2, run.Code);
        Assert.Contains(message, run.Err);
    }

    [Fact]
    public void An_exact_job_with_more_inputs_than_a_box_enumeration_supports_is_refused_before_it_is_submitted()
    {
        var path = Save(TestNetworks.Random(2, 11, [4]));
        // submit refuses before it looks for a database or a server: no job exists to fail on a silo.
        foreach (var verb in new[] { "submit", "count" })
        {
            var run = Run(verb, "--model", path, "--box", "-1:1", "--method", "exact");
            Assert.Equal(2, run.Code);
            Assert.Contains("exact enumeration in a box handles up to 10 inputs", run.Err);
            Assert.Contains("this network has 11", run.Err);
        }
    }
}
