namespace Regions.Theory.Constructions;

/// <summary>One pre-activation row written in working coordinates: <c>normal . y + bias</c>.</summary>
internal readonly record struct AffineRow(double[] Normal, double Bias);

/// <summary>Turns rows written in working coordinates into <see cref="Layer"/>s of the format.</summary>
internal static class LayerAssembly
{
    public static Layer Build(Activation activation, CoordinateReadout input, IReadOnlyList<AffineRow> rows, int rank = 1)
    {
        var weights = new double[rows.Count * input.SourceWidth];
        var biases = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var (row, bias) = input.Compose(rows[r].Normal, rows[r].Bias);
            row.CopyTo(weights, r * input.SourceWidth);
            biases[r] = bias;
        }
        return new Layer(activation, rows.Count, input.SourceWidth, weights, biases, rank);
    }

    /// <summary>The single linear output unit: <c>sum_u weights[u] h_u</c>, no bias.</summary>
    public static Layer Output(double[] weights) => new(Activation.Linear, 1, weights.Length, weights.ToArray(), [0.0]);

    public static double[] UnitVector(int dimension, int axis, double value = 1)
    {
        var v = new double[dimension];
        v[axis] = value;
        return v;
    }
}
