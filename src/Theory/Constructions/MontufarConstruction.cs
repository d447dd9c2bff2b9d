using System.Numerics;
using System.Text.Json.Nodes;

namespace Regions.Theory.Constructions;

/// <summary>
/// Montufar, Pascanu, Cho and Bengio (2014), proof of Theorem 5 and eq. (6): each of the first L-1 relu layers is
/// split into n0 groups, p_{l,i} = floor(n_l/n0) units for the first n0 - m_l coordinates and one more for the
/// last m_l = n_l mod n0. A group of p units on coordinate i computes the zig-zag h_1 = relu(p y_i),
/// h_k = relu(2p y_i - 2(k-1)) (k = 2..p), and the next layer reads the alternating sum h_1 - h_2 + h_3 - ...,
/// which maps [0,1] onto [0,1] in p monotone pieces: on (k-1, k) in x = p y it equals
/// x + 2 sum_{i=1}^{k-1} (-1)^i (x - i), which runs between 0 and 1. The domain is [0,1]^n0 for every layer.
/// The last layer is n_L hyperplanes in general position with every region meeting the open unit cube.
/// </summary>
internal static class MontufarConstruction
{
    public const string Name = "montufar";

    public static Network Build(ConstructionRequest request)
    {
        request.RequireValidShape(Name);
        request.RequireNoRank(Name);
        var n0 = request.Inputs;
        var widths = request.RequireWidths(Name, "hidden widths n_1,...,n_L");
        var depth = widths.Count;
        for (var l = 0; l < depth - 1; l++)
        {
            if (widths[l] < n0)
                throw new InvalidRequestException($"{Name}: hidden layer {l + 1} has {widths[l]} units, fewer than n0 = {n0}; every layer but the last needs at least one unit per input coordinate");
        }
        var groups = Enumerable.Range(0, depth - 1).Select(l => GroupSizes(widths[l], n0)).ToArray();
        var piecesPerAxis = Enumerable.Range(0, n0)
            .Select(i => groups.Aggregate(BigInteger.One, (product, layer) => product * layer[i]))
            .ToArray();
        ConstructionLimits.RequireFoldPieces(Name, piecesPerAxis);
        ConstructionLimits.RequireParameters(Name, n0, widths);

        var domain = Box.Cube(n0, 0, 1);
        var layers = new List<Layer>();
        var readout = CoordinateReadout.Identity(n0);
        foreach (var sizes in groups)
        {
            layers.Add(LayerAssembly.Build(Activation.Relu, readout, ZigZagRows(sizes)));
            readout = AlternatingSums(sizes);
        }
        var nL = widths[^1];
        var arrangement = CubeArrangement.Build(Name, n0, nL, request.Seed, stream: 3,
            Enumerable.Range(0, n0).Max(i => ConstructionLimits.FoldError(groups.Select(g => g[i]))));
        layers.Add(LayerAssembly.Build(Activation.Relu, readout, arrangement.Rows));
        layers.Add(LayerAssembly.Output(arrangement.OutputWeights));

        var cells = piecesPerAxis.Aggregate(BigInteger.One, (a, b) => a * b);
        var regions = cells * arrangement.Regions;
        var (linear, note) = LinearRegions(regions, cells, piecesPerAxis, arrangement.HasAllOffRegion, depth);
        var theoremBound = Enumerable.Range(0, depth - 1)
            .Aggregate(BigInteger.One, (product, l) => product * BigInteger.Pow(widths[l] / n0, n0)) * arrangement.Regions;
        var meta = new ConstructionMeta
        {
            Construction = Name,
            Formula = "prod_{l<L} prod_{i<=n0} p_{l,i} * sum_{j=0}^{n0} C(n_L, j), with p_{l,i} = floor(n_l/n0) for n0 - m_l coordinates and floor(n_l/n0)+1 for m_l = n_l mod n0 (eq. (6))",
            Citation = "Montufar, Pascanu, Cho, Bengio (2014), 'On the number of linear regions of deep neural networks', appendix, proof of Theorem 5, eq. (6)",
            ActivationRegions = regions,
            LinearRegions = linear,
            LinearRegionsNote = note,
            Domain = domain,
            Seed = request.Seed,
            Details =
            {
                ["groupSizes"] = new JsonArray(groups.Select(g => (JsonNode?)ConstructionMeta.Integers(g.Select(p => (long)p))).ToArray()),
                ["foldPiecesPerAxis"] = ConstructionMeta.Integers(piecesPerAxis.Select(p => (long)p)),
                ["theorem5Bound"] = ConstructionMeta.Count(theoremBound),
                ["theorem5Note"] = "Theorem 5 states prod_{l<L} floor(n_l/n0)^{n0} * sum_j C(n_L, j); eq. (6) also uses the remainder units and is at least that",
                ["lastHiddenLayer"] = arrangement.Describe(),
            },
        };
        return new Network(n0, layers, $"{Name}-{n0}-{string.Join("-", widths)}", meta.ToJson());
    }

    /// <summary>p_i = floor(n/n0), plus one for the last n mod n0 coordinates (eq. (6)).</summary>
    private static int[] GroupSizes(int width, int n0)
    {
        int q = width / n0, m = width % n0;
        return Enumerable.Range(0, n0).Select(i => i < n0 - m ? q : q + 1).ToArray();
    }

    /// <summary>Group i, units k = 1..p: relu(p y_i), then relu(2p y_i - 2(k-1)).</summary>
    private static AffineRow[] ZigZagRows(int[] sizes)
    {
        var n0 = sizes.Length;
        var rows = new List<AffineRow>();
        for (var i = 0; i < n0; i++)
        {
            var p = sizes[i];
            rows.Add(new AffineRow(LayerAssembly.UnitVector(n0, i, p), 0));
            for (var k = 2; k <= p; k++) rows.Add(new AffineRow(LayerAssembly.UnitVector(n0, i, 2.0 * p), -2.0 * (k - 1)));
        }
        return rows.ToArray();
    }

    /// <summary>y_i = h_1 - h_2 + h_3 - ... over group i.</summary>
    private static CoordinateReadout AlternatingSums(int[] sizes)
    {
        var terms = new List<(int, double)[]>();
        var first = 0;
        foreach (var p in sizes)
        {
            terms.Add(Enumerable.Range(0, p).Select(k => (first + k, k % 2 == 0 ? 1.0 : -1.0)).ToArray());
            first += p;
        }
        return CoordinateReadout.Sums(first, terms);
    }

    /// <summary>
    /// With n_L &gt;= n0+1 the last layer has no all-off region and linear regions equal activation regions. With
    /// n_L &lt;= n0 the all-off region (constant output) exists; it contains the cube corner 0 and touches every lower
    /// face y_i = 0 but no upper face. Its copies in two cells adjacent across a fold wall that the fold maps to 0
    /// merge. Along axis i the P_i pieces alternate increasing/decreasing from F(0) = 0, so the walls map to
    /// 1, 0, 1, 0, ...: floor((P_i-1)/2) walls map to 0, and the merged copies form prod_i (P_i - floor((P_i-1)/2))
    /// components (the cell graph is a product of paths).
    /// </summary>
    private static (BigInteger Linear, string Note) LinearRegions(BigInteger regions, BigInteger cells, BigInteger[] piecesPerAxis, bool hasAllOff, int depth)
    {
        if (!hasAllOff)
            return (regions, "equal to the activation regions: the last layer has a bounded region with every unit on, so no region has every unit off, "
                + "and every region's output gradient in the folded coordinates has all coordinates nonzero, so the copies of a region on either side of a fold have different affine maps");
        if (depth == 1)
            return (regions, "equal to the activation regions: there are no folds, so the one all-off region has no copies to merge with");
        var components = piecesPerAxis.Aggregate(BigInteger.One, (product, p) => product * (p - (p - 1) / 2));
        return (regions - cells + components,
            "smaller than the activation regions: with n_L <= n0 the last layer has a region with every unit off (constant output); "
            + $"its {cells} copies, one per fold cell, merge across every fold wall that maps to 0 (the region touches each face y_i = 0 and no face y_i = 1), "
            + $"leaving {components} = prod_i (P_i - floor((P_i-1)/2)) of them; every other region keeps distinct maps across folds");
    }
}
