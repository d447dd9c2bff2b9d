using System.Numerics;
using Regions.Kernel.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>
/// One maxout layer with n = n0 inputs and one unit per pair i &lt; j, a convex function of t = x_i - x_j whose
/// breakpoints are the hyperplanes x_i - x_j = s for s in a fixed set S: a deformation of the braid arrangement
/// (Shi: S = {0,1}; Catalan: S = {-1,0,1}). Montufar et al. (2014), Examples 10 and 11.
/// <para>
/// The arrangement is not essential: every hyperplane contains the direction (1,...,1). Modulo that direction it is
/// essential, so every region has a vertex in its closure, where n-1 independent equations x_i - x_j = s hold. They
/// form a spanning tree on {1..n} with edge labels |s| &lt;= 1, so all coordinate differences of a vertex are integers
/// of size at most n-1: shifted so that its minimum is 0, a vertex lies in [0, n-1]^n, and a region has points within
/// any distance of it. The box [-1/2, n-1/2]^n therefore meets every region with an open set.
/// </para>
/// </summary>
internal static class BraidDeformation
{
    /// <param name="Pieces">Rows of one unit as (slope in t, intercept); the state index is the winning row.</param>
    internal sealed record Family(string Name, int Rank, (double Slope, double Intercept)[] Pieces, string Formula, string Citation, Func<int, BigInteger> Regions);

    public static readonly Family Shi = new(
        "shi", 3,
        [(-1, 0), (0, 0), (1, -1)],
        "(n+1)^{n-1}, the regions of the Shi arrangement x_i - x_j in {0,1}",
        "Montufar, Pascanu, Cho, Bengio (2014), appendix, Example 10; Stanley (2004), Corollary 5.1",
        n => BigInteger.Pow(n + 1, n - 1));

    /// <summary>max(-3t, 2-t, 2+t, 3t) = |t+1| + |t| + |t-1|, breakpoints t = -1, 0, 1.</summary>
    public static readonly Family Catalan = new(
        "catalan", 4,
        [(-3, 0), (-1, 2), (1, 2), (3, 0)],
        "n! C_n with C_n = C(2n,n)/(n+1), the regions of the Catalan arrangement x_i - x_j in {-1,0,1}",
        "Montufar, Pascanu, Cho, Bengio (2014), appendix, Example 11; Stanley (2004), Proposition 5.15",
        n => RegionCounting.Factorial(n) * RegionCounting.Catalan(n));

    /// <summary>Above this the layer would have more than about 50 million weights.</summary>
    public const int MaxInputs = 400;

    public static Network Build(Family family, ConstructionRequest request)
    {
        request.RequireValidShape(family.Name);
        var n = request.Inputs;
        if (n < 2) throw new InvalidRequestException($"{family.Name} needs at least 2 inputs (one unit per pair of coordinates), got {n}");
        if (n > MaxInputs) throw new InvalidRequestException($"{family.Name}: {n} inputs exceed the limit of {MaxInputs}");
        var units = n * (n - 1) / 2;
        if (request.Widths is { } widths && (widths.Count != 1 || widths[0] != units))
            throw new InvalidRequestException("widths", $"{family.Name} with {n} inputs has one layer of n(n-1)/2 = {units} units (the widths may be omitted), got {string.Join(",", widths)}");
        if (request.Rank is { } rank && rank != family.Rank)
            throw new InvalidRequestException("rank", $"{family.Name} units have rank {family.Rank} (it may be omitted), got {rank}");

        var rows = new List<AffineRow>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                foreach (var (slope, intercept) in family.Pieces)
                {
                    var w = new double[n];
                    w[i] = slope;
                    w[j] = -slope;
                    rows.Add(new AffineRow(w, intercept));
                }
            }
        }
        var random = DeterministicRandom.ForStream(request.Seed, 5);
        var output = Enumerable.Range(0, units).Select(_ => 1 + random.NextDouble()).ToArray();
        var layers = new[]
        {
            LayerAssembly.Build(Activation.Maxout, CoordinateReadout.Identity(n), rows, family.Rank),
            LayerAssembly.Output(output),
        };
        var regions = family.Regions(n);
        var meta = new ConstructionMeta
        {
            Construction = family.Name,
            Formula = family.Formula,
            Citation = family.Citation,
            ActivationRegions = regions,
            LinearRegions = regions,
            LinearRegionsNote = "equal to the activation regions: the slopes of each unit differ from piece to piece and every output weight is nonzero, "
                + "so crossing x_i - x_j = s changes the gradient by a nonzero multiple of e_i - e_j",
            Domain = Box.Cube(n, -0.5, n - 0.5),
            Seed = request.Seed,
            Details =
            {
                ["domainReason"] = "every region has a vertex in its closure whose coordinates, shifted to minimum 0, are integers in [0, n-1]; the box adds a margin of 1/2",
            },
        };
        return new Network(n, layers, $"{family.Name}-{n}", meta.ToJson());
    }
}
