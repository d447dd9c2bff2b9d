using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;
using Regions.Kernel.Numerics;

namespace Regions.Tests.Constructions;

/// <summary>
/// Independent ways of finding the activation regions of a network inside a box, for checking the constructions'
/// promised counts: random sampling, and an exact census around every vertex of the last hidden layer.
/// </summary>
internal static class RegionCensus
{
    public static UInt128 PatternAt(Interpreter interpreter, ReadOnlySpan<double> x)
    {
        var network = interpreter.Network;
        Span<ulong> pattern = stackalloc ulong[network.Layout.Words];
        Span<double> output = stackalloc double[network.Outputs];
        interpreter.Evaluate(x, pattern, output);
        return Fingerprint.Of(pattern);
    }

    /// <summary>Distinct activation patterns at <paramref name="count"/> seeded uniform points of the box.</summary>
    public static HashSet<UInt128> Sample(Network network, Box box, int count, ulong seed)
    {
        var interpreter = new Interpreter(network);
        var random = new DeterministicRandom(seed);
        var x = new double[box.Dimension];
        var patterns = new HashSet<UInt128>();
        for (var s = 0; s < count; s++)
        {
            for (var i = 0; i < x.Length; i++) x[i] = random.NextUniform(box.Lower[i], box.Upper[i]);
            patterns.Add(PatternAt(interpreter, x));
        }
        return patterns;
    }

    public static HashSet<UInt128> Sample(Network network, int count, ulong seed = 7) => Sample(network, DomainOf(network), count, seed);

    public static Box DomainOf(Network network)
    {
        var domain = network.Meta!["domain"]!;
        return new Box(domain["lower"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray(), domain["upper"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray());
    }

    /// <param name="Patterns">Every pattern found around a vertex.</param>
    /// <param name="Cells">Distinct patterns of the layers before the last hidden one (the fold cells) met by sampling.</param>
    /// <param name="Vertices">Vertices of the last hidden layer found inside their own cell.</param>
    /// <param name="Misplaced">Vertices with a neighbour outside their cell or outside the box.</param>
    public sealed record VertexCensus(HashSet<UInt128> Patterns, int Cells, int Vertices, int Misplaced);

    /// <summary>
    /// For every fold cell: the last hidden (relu) layer's pre-activations are affine in the cell (the fold layers'
    /// states are constant there), so its hyperplanes in input space are read off <see cref="RegionMaps"/> at one
    /// point. Every vertex (n0 of them meeting) is computed, and a point is taken in each of the 2^n0 cones around
    /// it. When every vertex is inside its cell, every region has a vertex (n_L &gt;= n0, general position), so this
    /// meets every region: an exact count, not a statistical one.
    /// </summary>
    public static VertexCensus AroundVertices(Network network, Box box, int cellSamples = 20_000, ulong seed = 11)
    {
        var n0 = network.Inputs;
        var last = network.Layers.Count - 2;
        Interpreter? prefix = last == 0 ? null : new Interpreter(new Network(n0, network.Layers.Take(last).ToArray()));
        var full = new Interpreter(network);

        var cells = new Dictionary<UInt128, double[]>();
        var random = new DeterministicRandom(seed);
        for (var s = 0; s < cellSamples; s++)
        {
            var x = Enumerable.Range(0, n0).Select(i => random.NextUniform(box.Lower[i], box.Upper[i])).ToArray();
            cells.TryAdd(prefix is null ? 0 : PatternAt(prefix, x), x);
        }

        var patterns = new HashSet<UInt128>();
        int vertices = 0, misplaced = 0;
        var step = 1e-7 * Enumerable.Range(0, n0).Min(box.Width);
        foreach (var (cell, representative) in cells)
        {
            var rows = RegionMaps.At(network, representative).PreActivations[last];
            foreach (var subset in Subsets(rows.Length, n0))
            {
                var a = subset.Select(u => rows[u].Gradient).ToArray();
                var vertex = Solve(a, subset.Select(u => -rows[u].Offset).ToArray());
                if (vertex is null) continue;
                var inside = true;
                var found = new List<UInt128>();
                foreach (var signs in SignVectors(n0))
                {
                    var direction = Solve(a, signs)!;
                    var scale = step / direction.Max(Math.Abs);
                    var x = vertex.Select((v, i) => v + scale * direction[i]).ToArray();
                    var inBox = x.Select((v, i) => v > box.Lower[i] && v < box.Upper[i]).All(b => b);
                    if (!inBox || (prefix is not null && PatternAt(prefix, x) != cell)) inside = false;
                    found.Add(PatternAt(full, x));
                }
                // The cell's fold map extends to an affine bijection onto the cube's hull, so a vertex inside the open cube
                // of folded coordinates lies inside the cell: any vertex outside means the construction is wrong.
                if (inside) vertices++;
                else misplaced++;
                patterns.UnionWith(found);
            }
        }
        return new VertexCensus(patterns, cells.Count, vertices, misplaced);
    }

    public static IEnumerable<int[]> Subsets(int n, int k)
    {
        var subset = Enumerable.Range(0, k).ToArray();
        if (k > n) yield break;
        while (true)
        {
            yield return subset.ToArray();
            var i = k - 1;
            while (i >= 0 && subset[i] == n - k + i) i--;
            if (i < 0) yield break;
            subset[i]++;
            for (var j = i + 1; j < k; j++) subset[j] = subset[j - 1] + 1;
        }
    }

    private static IEnumerable<double[]> SignVectors(int n)
    {
        for (var mask = 0; mask < 1 << n; mask++) yield return Enumerable.Range(0, n).Select(i => (mask >> i & 1) == 1 ? 1.0 : -1.0).ToArray();
    }

    /// <summary>Solves rows . x = rhs by Gaussian elimination; null if singular.</summary>
    public static double[]? Solve(double[][] rows, double[] rhs)
    {
        var n = rhs.Length;
        var a = rows.Select((r, i) => r.Append(rhs[i]).ToArray()).ToArray();
        for (var k = 0; k < n; k++)
        {
            var p = Enumerable.Range(k, n - k).MaxBy(r => Math.Abs(a[r][k]));
            if (Math.Abs(a[p][k]) < 1e-13) return null;
            (a[k], a[p]) = (a[p], a[k]);
            for (var r = k + 1; r < n; r++)
            {
                var f = a[r][k] / a[k][k];
                for (var c = k; c <= n; c++) a[r][c] -= f * a[k][c];
            }
        }
        var x = new double[n];
        for (var k = n - 1; k >= 0; k--)
        {
            var s = a[k][n];
            for (var c = k + 1; c < n; c++) s -= a[k][c] * x[c];
            x[k] = s / a[k][k];
        }
        return x;
    }
}
