namespace Regions.Theory.Constructions;

/// <summary>
/// How a layer reads the n0 working coordinates y from the previous layer's outputs h (or the input x):
/// <c>y_i = sum of coefficient * h[column] over Terms[i], plus Constants[i]</c>. The folding constructions
/// describe every layer in y-coordinates; composing through this absorbs the papers' "fictitious"
/// intermediary linear units (alternating sums, h_a + h_b) into the next layer's weights.
/// </summary>
internal sealed class CoordinateReadout
{
    private readonly (int Column, double Coefficient)[][] terms;
    private readonly double[] constants;

    private CoordinateReadout(int sourceWidth, (int Column, double Coefficient)[][] terms, double[] constants)
    {
        SourceWidth = sourceWidth;
        this.terms = terms;
        this.constants = constants;
    }

    /// <summary>Width of what is read: the previous layer, or the input dimension.</summary>
    public int SourceWidth { get; }

    public int Dimension => terms.Length;

    public static CoordinateReadout Identity(int dimension) => new(
        dimension,
        Enumerable.Range(0, dimension).Select(i => new[] { (i, 1.0) }).ToArray(),
        new double[dimension]);

    /// <summary>y = (x - lower) / (upper - lower): the domain box seen as the unit cube.</summary>
    public static CoordinateReadout UnitCubeOf(Box box) => new(
        box.Dimension,
        Enumerable.Range(0, box.Dimension).Select(i => new[] { (i, 1.0 / box.Width(i)) }).ToArray(),
        Enumerable.Range(0, box.Dimension).Select(i => -box.Lower[i] / box.Width(i)).ToArray());

    /// <summary>y_i = scale[i] * h_i + shift[i]: the previous layer's outputs, each rescaled on its own.</summary>
    public static CoordinateReadout PerColumn(double[] scale, double[] shift) => new(
        scale.Length,
        Enumerable.Range(0, scale.Length).Select(i => new[] { (i, scale[i]) }).ToArray(),
        shift.ToArray());

    /// <summary>y_i = a signed sum of some previous-layer outputs, no constant.</summary>
    public static CoordinateReadout Sums(int sourceWidth, IReadOnlyList<(int Column, double Coefficient)[]> terms) =>
        new(sourceWidth, terms.ToArray(), new double[terms.Count]);

    /// <summary>The row over the source that computes <c>normal . y + bias</c>.</summary>
    public (double[] Weights, double Bias) Compose(ReadOnlySpan<double> normal, double bias)
    {
        if (normal.Length != Dimension) throw new ArgumentException($"{normal.Length} coefficients, expected {Dimension}", nameof(normal));
        var weights = new double[SourceWidth];
        for (var i = 0; i < Dimension; i++)
        {
            if (normal[i] == 0) continue;
            bias += normal[i] * constants[i];
            foreach (var (column, coefficient) in terms[i]) weights[column] += normal[i] * coefficient;
        }
        return (weights, bias);
    }
}
