using System.Text.Json;
using System.Xml;
using Regions.Kernel.Format;
using Regions.Tests.Support;
using static Regions.Tests.Support.CliRun;

namespace Regions.Tests.Statistics;

public sealed class StatsCommandTests
{
    private static string Save(Kernel.Model.Network network)
    {
        var path = Path.Combine(Path.GetTempPath(), $"regions-stats-{Guid.NewGuid():N}.json");
        NetworkWriter.Save(network, path);
        return path;
    }

    [Fact]
    public void Stats_json_reports_the_four_quadrants_and_the_graph_files_hold_every_region()
    {
        var model = Save(StatisticsSupport.AxisRelus(2, [0, 0], [1, 1], -0.5));
        var graphml = Path.Combine(Path.GetTempPath(), $"regions-graph-{Guid.NewGuid():N}.graphml");
        var (code, stdout, stderr) = Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--cells", "4", "--stats", "--graph", graphml, "--json");
        Assert.True(code == 0, stderr);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(4, root.GetProperty("regions").GetInt64());
        var stats = root.GetProperty("statistics");
        Assert.Equal(4, stats.GetProperty("regions").GetInt32());
        Assert.Equal("area", stats.GetProperty("measure").GetProperty("kind").GetString());
        Assert.Equal(1, stats.GetProperty("measure").GetProperty("median").GetDouble(), 9);
        Assert.Equal(4, stats.GetProperty("facets").GetProperty("max").GetDouble());
        Assert.Equal(0.5, stats.GetProperty("inradius").GetProperty("min").GetDouble(), 9);
        Assert.Equal(3, stats.GetProperty("decisionBoundary").GetProperty("pieces").GetInt32());

        var xml = new XmlDocument();
        xml.Load(graphml);
        var names = new XmlNamespaceManager(xml.NameTable);
        names.AddNamespace("g", "http://graphml.graphdrawing.org/xmlns");
        Assert.Equal(4, xml.SelectNodes("//g:graph/g:node", names)!.Count);
        Assert.Equal(4, xml.SelectNodes("//g:graph/g:edge", names)!.Count);
        // Every data element names a declared key.
        var keys = xml.SelectNodes("//g:key", names)!.Cast<XmlElement>().Select(k => k.GetAttribute("id")).ToHashSet();
        Assert.All(xml.SelectNodes("//g:data", names)!.Cast<XmlElement>(), d => Assert.Contains(d.GetAttribute("key"), keys));
        File.Delete(graphml);
        File.Delete(model);
    }

    [Fact]
    public void The_json_graph_of_a_random_network_has_as_many_nodes_as_the_exact_count()
    {
        var model = Save(TestNetworks.Random(41, 3, [6, 4]));
        var graph = Path.Combine(Path.GetTempPath(), $"regions-graph-{Guid.NewGuid():N}.json");
        var (code, stdout, stderr) = Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--graph", graph, "--json");
        Assert.True(code == 0, stderr);
        var regions = JsonDocument.Parse(stdout).RootElement.GetProperty("regions").GetInt64();
        var file = JsonDocument.Parse(File.ReadAllText(graph)).RootElement;
        var nodes = file.GetProperty("nodes");
        Assert.Equal(regions, nodes.GetArrayLength());
        Assert.Equal(8, nodes.EnumerateArray().Sum(n => n.GetProperty("volume").GetDouble()), 6);
        Assert.All(file.GetProperty("edges").EnumerateArray(), e => Assert.InRange(e[1].GetInt32(), e[0].GetInt32() + 1, (int)regions - 1));
        File.Delete(graph);
        File.Delete(model);
    }

    [Fact]
    public void Stats_text_names_the_measure_and_its_coordinates()
    {
        var model = Save(StatisticsSupport.AxisRelus(1, [-0.25, 0.5], [1, -3], 0));
        var (code, stdout, stderr) = Run("count", "--model", model, "--box", "-1:1", "--method", "exact", "--stats");
        Assert.True(code == 0, stderr);
        Assert.Contains("statistics of the 3 activation regions", stdout);
        Assert.Contains("length   min 0.5", stdout);
        Assert.Contains("decision boundary: 1 pieces", stdout);
        File.Delete(model);
    }

    [Theory]
    [InlineData("--method", "sample", "--stats")]
    [InlineData("--method", "exact", "--graph", "regions.txt")]
    public void Bad_requests_are_refused_with_one_line(params string[] args)
    {
        var model = Save(TestNetworks.Random(1, 2, [3]));
        var (code, _, stderr) = Run(["count", "--model", model, "--box", "-1:1", .. args]);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists("regions.txt"));
        File.Delete(model);
    }

    [Fact]
    public void Keeping_every_region_is_held_to_the_memory_budget_the_count_alone_fits()
    {
        var model = Save(TestNetworks.Random(3, 2, [16, 16]));
        string[] count = ["count", "--model", model, "--box", "-1:1", "--method", "exact", "--budget", "memory=64KiB"];
        Assert.Equal(0, Run(count).Code);
        var (code, _, stderr) = Run([.. count, "--stats"]);
        Assert.Equal(2, code);
        Assert.Contains("--stats/--graph keep all", stderr);
        File.Delete(model);
    }
}
