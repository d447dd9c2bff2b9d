using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Theory.Constructions;

namespace Regions.Tests.Constructions;

public class ConstructionFileTests
{
    public static TheoryData<string, int, int[]?, int?> Samples => new()
    {
        { "shallow", 3, [7], null },
        { "pascanu-2n0", 2, [4, 4, 4], null },
        { "montufar", 2, [5, 4], null },
        { "montufar", 3, [6, 2], null },
        { "maxout", 2, [2, 2], 3 },
        { "shi", 4, null, null },
        { "catalan", 3, null, null },
        { "random", 3, [4, 4], 2 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Round_trips_exactly_through_the_format(string name, int n0, int[]? widths, int? rank)
    {
        var network = Expected.Build(name, n0, widths, rank, seed: 3);
        var json = NetworkWriter.ToJson(network);
        var back = NetworkReader.Parse(json);
        Assert.Equal(json, NetworkWriter.ToJson(back));
        for (var l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(network.Layers[l].Weights.ToArray(), back.Layers[l].Weights.ToArray());
            Assert.Equal(network.Layers[l].Biases.ToArray(), back.Layers[l].Biases.ToArray());
        }

        var path = Path.Combine(Path.GetTempPath(), $"construction-{Guid.NewGuid():N}.json");
        try
        {
            NetworkWriter.Save(network, path);
            Assert.Equal(json, NetworkWriter.ToJson(NetworkReader.Load(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Meta_records_what_a_count_needs(string name, int n0, int[]? widths, int? rank)
    {
        var meta = Expected.Build(name, n0, widths, rank, seed: 3).Meta!;
        Assert.Equal(name, meta["construction"]!.GetValue<string>());
        foreach (var field in new[] { "formula", "citation", "linearRegionsNote" }) Assert.False(string.IsNullOrWhiteSpace(meta[field]!.GetValue<string>()));
        Assert.NotNull(meta["expectedActivationRegions"]);
        Assert.NotNull(meta["expectedLinearRegions"]);
        Assert.Equal(3UL, meta["seed"]!.GetValue<ulong>());
        var domain = meta["domain"]!;
        var parsed = Box.Parse(domain["box"]!.GetValue<string>(), n0);
        Assert.Equal(domain["lower"]!.AsArray().Select(v => v!.GetValue<double>()), parsed.Lower);
        Assert.Equal(domain["upper"]!.AsArray().Select(v => v!.GetValue<double>()), parsed.Upper);
    }

    [Fact]
    public void Counts_beyond_two_to_the_53_are_written_as_strings()
    {
        // maxout n0 = 8, L = 8, k = 2: 2^{8*7} * 2^8 = 2^64.
        var network = Expected.Build("maxout", 8, Enumerable.Repeat(8, 8).ToArray(), rank: 2);
        Assert.Equal("18446744073709551616", network.Meta!["expectedActivationRegions"]!.GetValue<string>());
        Assert.Equal(44L, Expected.Build("pascanu-2n0", 2, [4, 4]).Meta!["expectedActivationRegions"]!.GetValue<long>());
    }

    [Fact]
    public void Unknown_names_list_the_valid_ones()
    {
        var error = Assert.Throws<InvalidRequestException>(() => NetworkConstructions.Build("pascanu", new ConstructionRequest(2)));
        foreach (var name in NetworkConstructions.Names) Assert.Contains(name, error.Message);
    }
}
