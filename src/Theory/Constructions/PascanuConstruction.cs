using System.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>
/// Pascanu, Montufar and Bengio (2013), Sec. 5: k relu layers of width 2 n0 on [-1,1]^n0. Layer 1 folds
/// every coordinate at 0 with relu(x_i), relu(-x_i); layers 2..k-1 fold [0,1] onto itself with
/// relu(2y-1), relu(1-2y); the next layer reads y_i = h_a + h_b (the paper's fictitious linear unit, absorbed
/// into its weights). The last layer is an arrangement of 2 n0 hyperplanes in general position with all vertices
/// in the open unit cube of the folded coordinates, copied into each of the 2^{(k-1) n0} fold cells.
/// </summary>
internal static class PascanuConstruction
{
    public const string Name = "pascanu-2n0";

    public static Network Build(ConstructionRequest request)
    {
        request.RequireValidShape(Name);
        request.RequireNoRank(Name);
        var n0 = request.Inputs;
        var widths = request.RequireWidths(Name, $"k hidden layers, each of width 2*n0 = {2L * n0}");
        if (widths.Any(w => w != 2L * n0))
            throw new InvalidRequestException($"{Name} needs every hidden layer to have width 2*n0 = {2L * n0}; got {string.Join(",", widths)}");
        var k = widths.Count;
        var pieces = BigInteger.Pow(2, k - 1);
        ConstructionLimits.RequireFoldPieces(Name, [pieces]);
        ConstructionLimits.RequireParameters(Name, n0, widths);

        var domain = Box.Cube(n0, -1, 1);
        var layers = new List<Layer>();
        CoordinateReadout readout;
        if (k == 1)
        {
            readout = CoordinateReadout.UnitCubeOf(domain);
        }
        else
        {
            layers.Add(LayerAssembly.Build(Activation.Relu, CoordinateReadout.Identity(n0), AbsoluteValueRows(n0)));
            readout = PairSums(n0);
            for (var l = 1; l < k - 1; l++)
            {
                layers.Add(LayerAssembly.Build(Activation.Relu, readout, TentRows(n0)));
                readout = PairSums(n0);
            }
        }
        var arrangement = CubeArrangement.Build(Name, n0, 2 * n0, request.Seed, stream: 2, ConstructionLimits.FoldError(Enumerable.Repeat(2, k - 1)));
        layers.Add(LayerAssembly.Build(Activation.Relu, readout, arrangement.Rows));
        layers.Add(LayerAssembly.Output(arrangement.OutputWeights));

        var regions = BigInteger.Pow(pieces, n0) * arrangement.Regions;
        var meta = new ConstructionMeta
        {
            Construction = Name,
            Formula = "2^{(k-1) n0} * sum_{j=0}^{n0} C(2 n0, j)",
            Citation = "Pascanu, Montufar, Bengio (2013), 'On the number of response regions of deep feed forward networks with piece-wise linear activations', Sec. 5 (Theorem 2 there)",
            ActivationRegions = regions,
            LinearRegions = regions,
            LinearRegionsNote = "equal to the activation regions: the last layer has a bounded region with every unit on, so no region has every unit off, "
                + "and every region's output gradient in the folded coordinates has all coordinates nonzero, so the two copies of a region on either side of a fold have different affine maps",
            Domain = domain,
            Seed = request.Seed,
            Details =
            {
                ["foldPiecesPerAxis"] = ConstructionMeta.Integers(Enumerable.Repeat((long)pieces, n0)),
                ["lastHiddenLayer"] = arrangement.Describe(),
            },
        };
        return new Network(n0, layers, $"{Name}-{n0}x{k}", meta.ToJson());
    }

    /// <summary>relu(x_i), relu(-x_i): their sum is |x_i|, folding [-1,1] onto [0,1] at 0.</summary>
    private static AffineRow[] AbsoluteValueRows(int n0) => Enumerable.Range(0, n0)
        .SelectMany(i => new[]
        {
            new AffineRow(LayerAssembly.UnitVector(n0, i, 1), 0),
            new AffineRow(LayerAssembly.UnitVector(n0, i, -1), 0),
        })
        .ToArray();

    /// <summary>relu(2y_i - 1), relu(1 - 2y_i): their sum is |2y_i - 1|, folding [0,1] onto itself at 1/2.</summary>
    private static AffineRow[] TentRows(int n0) => Enumerable.Range(0, n0)
        .SelectMany(i => new[]
        {
            new AffineRow(LayerAssembly.UnitVector(n0, i, 2), -1),
            new AffineRow(LayerAssembly.UnitVector(n0, i, -2), 1),
        })
        .ToArray();

    /// <summary>y_i = h_{2i} + h_{2i+1}.</summary>
    private static CoordinateReadout PairSums(int n0) =>
        CoordinateReadout.Sums(2 * n0, Enumerable.Range(0, n0).Select(i => new[] { (2 * i, 1.0), (2 * i + 1, 1.0) }).ToArray());
}
