using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The affine maps that hold throughout the activation region of a point: for every layer the
/// pre-activation of each row, and the network output, as functions <c>u.x + c</c> of the input
/// (eq. (7) of the appendix of Montufar et al. 2014, generalised to every activation of the format:
/// the region fixes each unit's linear piece, so the composition is one affine map).
/// </summary>
public sealed class RegionMaps
{
    private RegionMaps(ulong[] pattern, AffineMap[][] preActivations, AffineMap[] outputs)
    {
        Pattern = pattern;
        PreActivations = preActivations;
        Outputs = outputs;
    }

    public ulong[] Pattern { get; }

    /// <summary>[layer][row]: the pre-activation of that row in this region.</summary>
    public IReadOnlyList<AffineMap[]> PreActivations { get; }

    /// <summary>The network outputs in this region.</summary>
    public IReadOnlyList<AffineMap> Outputs { get; }

    public static RegionMaps At(Network network, ReadOnlySpan<double> x)
    {
        var n0 = network.Inputs;
        var pattern = new Interpreter(network).Pattern(x);
        // Current layer input as an affine map of x: value[i] = gradient[i] . x + offset[i].
        var gradient = new double[n0][];
        var offset = new double[n0];
        for (var i = 0; i < n0; i++)
        {
            gradient[i] = new double[n0];
            gradient[i][i] = 1;
        }

        var preActivations = new AffineMap[network.Layers.Count][];
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var rows = new AffineMap[layer.Rows];
            for (var r = 0; r < layer.Rows; r++)
            {
                var u = new double[n0];
                var c = layer.Biases[r];
                var w = layer.Row(r);
                for (var j = 0; j < w.Length; j++)
                {
                    if (w[j] == 0) continue;
                    c += w[j] * offset[j];
                    var g = gradient[j];
                    for (var k = 0; k < n0; k++) u[k] += w[j] * g[k];
                }
                rows[r] = new AffineMap(u, c);
            }
            preActivations[l] = rows;

            var nextGradient = new double[layer.Units][];
            var nextOffset = new double[layer.Units];
            for (var unit = 0; unit < layer.Units; unit++)
            {
                var (scale, constant, row) = unit < layer.ActivationUnits
                    ? Piece(layer, unit, network.Layout.State(pattern, l, unit))
                    // A carried row is a linear unit: its output map is its pre-activation map.
                    : (1.0, 0.0, layer.UnitRows + unit - layer.ActivationUnits);
                var source = rows[row];
                nextGradient[unit] = source.Gradient.Select(v => scale * v).ToArray();
                nextOffset[unit] = scale * source.Offset + constant;
            }
            gradient = nextGradient;
            offset = nextOffset;
        }
        var outputs = new AffineMap[gradient.Length];
        for (var i = 0; i < outputs.Length; i++) outputs[i] = new AffineMap(gradient[i], offset[i]);
        return new RegionMaps(pattern, preActivations, outputs);
    }

    /// <summary>The linear piece a unit is on in a given state: output = scale * z[row] + constant.</summary>
    private static (double Scale, double Constant, int Row) Piece(Layer layer, int unit, int state)
    {
        var kind = layer.Kind();
        var (slope, offset) = kind.Piece(state, layer.SlopeOf(unit));
        return (slope, offset, kind.Row(unit, layer.Rank, state));
    }
}
