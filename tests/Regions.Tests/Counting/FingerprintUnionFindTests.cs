using Regions.Grains.Merging;

namespace Regions.Tests.Counting;

public class FingerprintUnionFindTests
{
    [Fact]
    public void Components_count_linear_regions_whatever_the_edge_order()
    {
        // Regions 1..6; merges 1-2, 2-3 and 5-6 leave {1,2,3}, {4}, {5,6}.
        (int, int)[] edges = [(1, 2), (2, 3), (5, 6), (3, 1)];
        foreach (var order in new[] { edges, edges.Reverse().ToArray() })
        {
            var merger = new FingerprintUnionFind();
            for (var i = 1; i <= 6; i++) merger.Add((UInt128)i);
            foreach (var (a, b) in order) merger.Union((UInt128)a, (UInt128)b);
            Assert.Equal(6, merger.Regions);
            Assert.Equal(3, merger.Components);
        }
    }

    [Fact]
    public void An_edge_to_an_unseen_fingerprint_adds_it()
    {
        var merger = new FingerprintUnionFind();
        merger.Union(1, 2);
        merger.Add(2);
        Assert.Equal(2, merger.Regions);
        Assert.Equal(1, merger.Components);
    }
}
