using Regions.Kernel.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>
/// A He-initialised network (He et al. 2015): every weight N(0, 2/fan_in), every bias N(0, 0.1^2), one stream of
/// the seed per layer. Relu layers, or maxout layers of the given rank (every row drawn the same way). No region
/// count is known; the domain is [-1,1]^n0.
/// </summary>
internal static class RandomConstruction
{
    public const string Name = "random";

    private const double BiasStandardDeviation = 0.1;

    public static Network Build(ConstructionRequest request)
    {
        request.RequireValidShape(Name);
        var n0 = request.Inputs;
        var widths = request.RequireWidths(Name, "hidden widths n_1,...,n_L");
        var rank = request.Rank ?? 1;
        ConstructionLimits.RequireParameters(Name, n0, widths, rank);

        var layers = new List<Layer>();
        var columns = n0;
        for (var l = 0; l <= widths.Count; l++)
        {
            var output = l == widths.Count;
            var rows = output ? 1 : widths[l] * rank;
            var random = DeterministicRandom.ForStream(request.Seed, (ulong)l);
            var scale = Math.Sqrt(2.0 / columns);
            var weights = new double[rows * columns];
            for (var i = 0; i < weights.Length; i++) weights[i] = scale * random.NextGaussian();
            var biases = new double[rows];
            for (var i = 0; i < rows; i++) biases[i] = BiasStandardDeviation * random.NextGaussian();
            var activation = output ? Activation.Linear : rank > 1 ? Activation.Maxout : Activation.Relu;
            layers.Add(new Layer(activation, rows, columns, weights, biases, output ? 1 : rank));
            columns = output ? 1 : widths[l];
        }
        var meta = new ConstructionMeta
        {
            Construction = Name,
            Formula = $"weights N(0, 2/fan_in), biases N(0, {BiasStandardDeviation}^2), {(rank > 1 ? $"maxout rank {rank}" : "relu")} hidden layers, linear output",
            Citation = "He, Zhang, Ren, Sun (2015), 'Delving deep into rectifiers' (initialisation)",
            ActivationRegions = null,
            LinearRegions = null,
            LinearRegionsNote = "unknown: a random network has no closed-form count; count it",
            Domain = Box.Cube(n0, -1, 1),
            Seed = request.Seed,
        };
        return new Network(n0, layers, $"{Name}-{n0}-{string.Join("-", widths)}", meta.ToJson());
    }
}
