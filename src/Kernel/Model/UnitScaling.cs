namespace Regions.Kernel.Model;

/// <summary>
/// Rescales every positively homogeneous unit (relu, leaky relu with any slopes, abs, maxout, linear, carried rows) so that its largest
/// weight or bias has binary exponent 0, and pushes the scale into the next layer's column of that unit.
/// relu(c z) = c relu(z) for c &gt; 0, so the rescaled network has the same activation pattern and the same
/// linear regions at every point; its output o is the original one divided by 2^<see cref="OutputExponents"/>[o].
/// <para>
/// Why: exact enumeration and the evaluators then see rows of unit size whatever the scale of the weights, so decisions do
/// not depend on multiplying a unit's row by c and the next column by 1/c, and products such as 1e200 x 1e200,
/// which overflow, or 1e-200 x 1e-200, which underflow, are never formed: scales are added as exponents and
/// applied with <see cref="Math.ScaleB"/>, which is exact. hardtanh is not homogeneous (its breakpoints are at
/// +-1), so its units keep their scale; one whose row would leave the double range is refused.
/// </para>
/// </summary>
public sealed class UnitScaling
{
    private UnitScaling(Network network, int[] outputExponents)
    {
        Network = network;
        OutputExponents = outputExponents;
    }

    /// <summary>The rescaled network: same layers, units, pattern layout and regions.</summary>
    public Network Network { get; }

    /// <summary>Output o of the original network is 2^OutputExponents[o] times output o of <see cref="Network"/>.</summary>
    public IReadOnlyList<int> OutputExponents { get; }

    /// <summary>Exponents beyond this cannot be applied to a row entry without leaving the double range.</summary>
    private const int LargestExponent = 1000;

    public static UnitScaling Of(Network network)
    {
        var exponents = new int[network.Inputs];
        var layers = new Layer[network.Layers.Count];
        for (var l = 0; l < layers.Length; l++)
        {
            (layers[l], exponents) = Rescale(network.Layers[l], l, exponents);
        }
        return new UnitScaling(new Network(network.Inputs, layers, network.Name, network.Meta), exponents);
    }

    /// <summary>The layer with its inputs' scales applied and, for homogeneous units, its own scale taken out.</summary>
    private static (Layer Layer, int[] UnitExponents) Rescale(Layer layer, int index, int[] inputExponents)
    {
        var kindHomogeneous = Units.UnitKinds.Of(layer.Activation).IsPositivelyHomogeneous;
        var columns = layer.Columns;
        var weights = new double[layer.Rows * columns];
        var biases = new double[layer.Rows];
        var unitExponents = new int[layer.Units];
        // Every output unit: the activation's units (rank rows each), then the carried rows, which are linear units
        // (one row each, c z = c * z), so they rescale like any homogeneous unit whatever the layer's kind.
        for (var u = 0; u < layer.Units; u++)
        {
            var carried = u >= layer.ActivationUnits;
            var homogeneous = carried || kindHomogeneous;
            var first = carried ? layer.UnitRows + u - layer.ActivationUnits : u * layer.Rank;
            var rank = carried ? 1 : layer.Rank;
            var exponent = int.MinValue;
            for (var r = first; r < first + rank; r++)
            {
                var row = layer.Row(r);
                for (var k = 0; k < columns; k++)
                {
                    if (row[k] != 0) exponent = Math.Max(exponent, Math.ILogB(row[k]) + inputExponents[k]);
                }
                if (layer.Biases[r] != 0) exponent = Math.Max(exponent, Math.ILogB(layer.Biases[r]));
            }
            if (exponent == int.MinValue) exponent = 0;   // a constant zero unit
            if (!homogeneous && exponent > LargestExponent)
                throw new InvalidRequestException(
                    $"layer {index + 1} unit {u + 1} ({layer.Activation.ToString().ToLowerInvariant()}): its weights times the scales of the units before it reach 2^{exponent}, beyond the double range, so its breakpoints at +-1 cannot be placed") { Code = RefusalCodes.OutOfRange };
            var shift = homogeneous ? -exponent : 0;
            for (var r = first; r < first + rank; r++)
            {
                var row = layer.Row(r);
                for (var k = 0; k < columns; k++) weights[r * columns + k] = Math.ScaleB(row[k], inputExponents[k] + shift);
                biases[r] = Math.ScaleB(layer.Biases[r], shift);
            }
            unitExponents[u] = homogeneous ? exponent : 0;
        }
        // leaky(c z) = c leaky(z) for c > 0 whatever the slope, so per-unit slopes stay as they are.
        var slopes = layer.HasUnitSlopes ? Enumerable.Range(0, layer.ActivationUnits).Select(layer.SlopeOf).ToArray() : null;
        return (new Layer(layer.Activation, layer.Rows, columns, weights, biases, layer.Rank, layer.Slope, layer.Carried, slopes), unitExponents);
    }
}
