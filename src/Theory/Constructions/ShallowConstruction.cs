namespace Regions.Theory.Constructions;

/// <summary>
/// One relu layer of n1 units in general position with every region meeting the domain [-1,1]^n0:
/// sum_{j &lt;= n0} C(n1, j) regions. General position alone is not enough; every vertex is computed and
/// placed strictly inside the box (n1 &gt;= n0: every region has a vertex), or, for n1 &lt;= n0, the common
/// flat of all hyperplanes crosses the box (all 2^n1 regions meet there).
/// </summary>
internal static class ShallowConstruction
{
    public const string Name = "shallow";

    public static Network Build(ConstructionRequest request)
    {
        request.RequireValidShape(Name);
        request.RequireNoRank(Name);
        var widths = request.RequireWidths(Name, "one hidden width n1");
        if (widths.Count != 1) throw new InvalidRequestException($"{Name} has exactly one hidden layer, got {widths.Count} widths");
        int n0 = request.Inputs, n1 = widths[0];
        ConstructionLimits.RequireParameters(Name, n0, widths);

        var domain = Box.Cube(n0, -1, 1);
        var arrangement = CubeArrangement.Build(Name, n0, n1, request.Seed, stream: 1);
        var layers = new[]
        {
            LayerAssembly.Build(Activation.Relu, CoordinateReadout.UnitCubeOf(domain), arrangement.Rows),
            LayerAssembly.Output(arrangement.OutputWeights),
        };
        var meta = new ConstructionMeta
        {
            Construction = Name,
            Formula = "sum_{j=0}^{n0} C(n1, j)",
            Citation = "Zaslavsky (1975), Theorem A; Pascanu, Montufar, Bengio (2013), 'On the number of response regions of deep feed forward networks with piece-wise linear activations', Sec. 3",
            ActivationRegions = arrangement.Regions,
            LinearRegions = arrangement.Regions,
            LinearRegionsNote = "equal to the activation regions: there are no folds, and crossing the hyperplane of unit u changes the output gradient by c_u w_u != 0",
            Domain = domain,
            Seed = request.Seed,
            Details = { ["hiddenLayer"] = arrangement.Describe() },
        };
        return new Network(n0, layers, $"{Name}-{n0}-{n1}", meta.ToJson());
    }
}
