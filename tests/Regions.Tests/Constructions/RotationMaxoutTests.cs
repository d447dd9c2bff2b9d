using Regions.Kernel;
using System.Diagnostics;
using Regions.Grains.Jobs;
using Regions.Kernel.Geometry;
using Regions.Tests.Exact;
using Regions.Theory.Constructions;
using Xunit.Abstractions;

namespace Regions.Tests.Constructions;

/// <summary>
/// The rotation construction reaches Theorem 9 for every rank: every copy of the last layer's k^{n0} grid is found by
/// exact enumeration on the copy itself (an affine slice computed here from the geometry, not read from the network),
/// the copies' patterns are pairwise different, and they are all the whole domain's exact enumeration finds:
/// (2k)^{L-1} k^{n0} activation regions, at least the theorem's k^{L-1} k^{n0}.
/// </summary>
public class RotationMaxoutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2, 3, 2, 27)]
    [InlineData(2, 5, 2, 125)]
    [InlineData(2, 3, 3, 81)]
    [InlineData(2, 2, 2, 8)]
    [InlineData(2, 4, 2, 64)]
    [InlineData(2, 6, 2, 216)]
    [InlineData(2, 7, 2, 343)]
    [InlineData(2, 8, 2, 512)]
    [InlineData(2, 4, 3, 256)]
    public void Copies_of_the_grid_hold_every_region_and_at_least_the_bound(int n0, int k, int depth, long theorem)
    {
        var clock = Stopwatch.StartNew();
        var network = Expected.Build("maxout-rotation", n0, Enumerable.Repeat(n0, depth).ToArray(), rank: k);
        var meta = network.Meta!;
        Assert.Equal(theorem, meta["theorem9Bound"]!.GetValue<long>());
        var center = meta["subBoxCenter"]!.GetValue<double>();
        var half = meta["subBoxHalfWidth"]!.GetValue<double>();
        var grid = Box.Cube(2, -1, 1);
        var inCopies = new HashSet<UInt128>();
        var copies = 0;
        foreach (var copy in Copies(k, depth, center, half))
        {
            var found = ExactTestSupport.ExactFingerprints(network, grid, slice: copy);
            Assert.Equal((long)Math.Pow(k, n0), found.Count);
            inCopies.UnionWith(found);
            copies++;
        }
        Assert.Equal((long)Math.Pow(2 * k, depth - 1), copies);
        // Every copy's patterns are new: the copies together hold (2k)^{L-1} k^{n0}, at least the bound.
        Assert.Equal((long)Math.Pow(2 * k, depth - 1) * (long)Math.Pow(k, n0), inCopies.Count);
        Assert.True(inCopies.Count >= theorem);
        // Nothing else: the whole domain has exactly the copies' patterns, as the meta says.
        var whole = ExactTestSupport.ExactFingerprints(network, RegionCensus.DomainOf(network));
        Assert.True(whole.SetEquals(inCopies));
        Assert.Equal(whole.Count, (long)Expected.ActivationRegions(network));
        output.WriteLine($"n0={n0} k={k} L={depth}: bound {theorem}, in copies {inCopies.Count}, domain {whole.Count}, {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [InlineData("maxout-rotation", 2, 3, 2, 27, 54)]
    [InlineData("maxout-rotation", 2, 5, 2, 125, 250)]
    [InlineData("maxout-rotation", 2, 3, 3, 81, 324)]
    [InlineData("maxout-rotation", 2, 8, 2, 512, 1024)]
    [InlineData("maxout-rotation", 3, 5, 2, 625, 1250)]
    [InlineData("maxout", 2, 5, 2, 125, 250)]       // k > 2^n0 = 4: maxout builds the rotation
    [InlineData("maxout", 2, 6, 3, 1296, 5184)]
    [InlineData("maxout", 3, 9, 2, 6561, 13122)]    // k > 2^n0 = 8, n0 = 3
    [InlineData("maxout", 3, 8, 2, 4096, 4096)]     // 2 n0 < k = 2^n0: the absolute values, 2^3 * 8^3, exactly the bound
    [InlineData("maxout", 3, 7, 2, 2401, 2744)]     // 2 n0 < k < 2^n0: absolute values, 2^3 * 7^3
    public void Exact_activation_and_linear_counts_equal_the_meta_and_reach_the_theorem(string name, int n0, int k, int depth, long theorem, long expected)
    {
        var clock = Stopwatch.StartNew();
        var network = Expected.Build(name, n0, Enumerable.Repeat(n0, depth).ToArray(), rank: k);
        var domain = RegionCensus.DomainOf(network);
        Assert.Equal(theorem, network.Meta!["theorem9Bound"]!.GetValue<long>());
        Assert.Equal(expected, (long)Expected.ActivationRegions(network));
        var activation = ExactTestSupport.Exact(network, domain);
        var linear = ExactTestSupport.Exact(network, domain, 1, RegionDefinition.Linear);
        output.WriteLine($"{name} n0={n0} k={k} L={depth}: bound {theorem}, exact activation {activation}, linear {linear}, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(expected, activation);
        Assert.Equal((long)Expected.LinearRegions(network), linear);
        Assert.True(activation >= theorem);
    }

    [Fact]
    public void Bad_parameters_are_refused_with_a_reason()
    {
        Assert.Contains("n0 >= 2", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout-rotation", 1, [1, 1], rank: 3)).Message);
        Assert.Equal("rank", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout-rotation", 2, [2, 2])).Field);
        Assert.Contains("width n0", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout-rotation", 2, [2, 3], rank: 3)).Message);
        // k = 8: every fold magnifies rounding about 86 times; seven folds leave nothing of last-layer pieces 1/4 wide.
        Assert.Contains("rounding", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout-rotation", 2, Enumerable.Repeat(2, 8).ToArray(), rank: 8)).Message);
        Assert.Contains("n0 >= 2", Assert.Throws<InvalidRequestException>(() => Expected.Build("maxout-rotation", 1, [1], rank: 2)).Message);
    }

    /// <summary>
    /// The affine maps from the last layer's [-1,1]^2 into the input, one per choice of half-sector H_p in each fold
    /// layer: the layer is (u_i . y, u'_j . y) on H_p (i = j = p/2 for even p; i = (p+1)/2 mod k, j = (p-1)/2 for odd p),
    /// and its next layer reads (q - m)/h, so a point v of the next layer's square comes from the solution y of
    /// (u_i . y, u'_j . y) = m + h v.
    /// </summary>
    private static IEnumerable<AffineSlice> Copies(int k, int depth, double m, double h)
    {
        var total = (int)Math.Pow(2 * k, depth - 1);
        for (var index = 0; index < total; index++)
        {
            var halves = new int[depth - 1];
            for (int l = 0, rest = index; l < depth - 1; l++, rest /= 2 * k) halves[l] = rest % (2 * k);
            double[] Map(double[] v)
            {
                for (var l = depth - 2; l >= 0; l--)
                {
                    var p = halves[l];
                    var (i, j) = p % 2 == 0 ? (p / 2, p / 2) : ((p + 1) / 2 % k, (p - 1) / 2);
                    var (ux, uy) = RotationMaxoutConstruction.Direction(k, i, 0);
                    var (wx, wy) = RotationMaxoutConstruction.Direction(k, j, 1);
                    v = RegionCensus.Solve([[ux, uy], [wx, wy]], [m + h * v[0], m + h * v[1]])!;
                }
                return v;
            }
            var origin = Map([0, 0]);
            var e0 = Map([1, 0]);
            var e1 = Map([0, 1]);
            yield return new AffineSlice(origin, [[e0[0] - origin[0], e0[1] - origin[1]], [e1[0] - origin[0], e1[1] - origin[1]]]);
        }
    }
}
