using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Affine functions of the parameter y in P, stored flat: row r is g_r[0..d-1] followed by its offset c_r.
/// The engine keeps each layer's inputs and pre-activations this way, so a region's maps are composed once.
/// </summary>
internal static class AffineRows
{
    /// <summary>
    /// Pre-activations z = W h + b summed over the layer's nonzero weights only (<paramref name="support"/>, of
    /// this layer): the terms skipped are w * h with w = 0, or with h a zero row (a dead unit, a constant-zero
    /// input), so each row is the dense sum, in the same order.
    /// </summary>
    public static void PreActivations(Layer layer, LayerSupport support, double[] input, int d, double[] z)
    {
        var biases = layer.Biases;
        for (var r = 0; r < layer.Rows; r++) SumRow(support, r, biases[r], input, d, z);
    }

    /// <summary>
    /// Brings z from the inputs <paramref name="previous"/> to <paramref name="input"/> by summing again only the
    /// rows that read an input row whose bits changed: each such row is summed exactly as
    /// <see cref="PreActivations(Layer, LayerSupport, double[], int, double[])"/> sums it and the others already
    /// hold that sum, so z has the bits of the full recomputation, with no drift to bound.
    /// </summary>
    public static void Refresh(Layer layer, LayerSupport support, double[] previous, double[] input, int d, double[] z, ChangedRows changed)
    {
        var biases = layer.Biases;
        foreach (var r in changed.Reading(support, previous, input, d + 1)) SumRow(support, r, biases[r], input, d, z);
    }

    private static void SumRow(LayerSupport support, int r, double bias, double[] input, int d, double[] z)
    {
        var columns = support.RowColumns;
        var weights = support.RowWeights;
        int first = support.RowStart[r], end = support.RowStart[r + 1];
        if (d == 2)
        {
            // The planar case is the hot one: its sums stay in registers.
            double g0 = 0, g1 = 0, c = bias;
            for (var i = first; i < end; i++)
            {
                var o = 3 * columns[i];
                double h0 = input[o], h1 = input[o + 1], h2 = input[o + 2];
                if (h0 == 0 && h1 == 0 && h2 == 0) continue;
                var w = weights[i];
                g0 += w * h0;
                g1 += w * h1;
                c += w * h2;
            }
            z[3 * r] = g0;
            z[3 * r + 1] = g1;
            z[3 * r + 2] = c;
            return;
        }
        var stride = d + 1;
        var row = z.AsSpan(r * stride, stride);
        row.Clear();
        row[^1] = bias;
        for (var i = first; i < end; i++)
        {
            var h = input.AsSpan(columns[i] * stride, stride);
            if (IsZero(h)) continue;
            var w = weights[i];
            for (var j = 0; j < stride; j++) row[j] += w * h[j];
        }
    }

    /// <summary>Adds W (h - previous) to z over the changed input rows and, of each, the rows whose weight on it is nonzero.</summary>
    public static void UpdatePreActivations(LayerSupport support, double[] z, double[] previous, double[] h, int d)
    {
        var stride = d + 1;
        var columns = support.ColumnStart.Length - 1;
        var starts = support.ColumnStart;
        var indices = support.ColumnRows;
        var weights = support.ColumnWeights;
        if (d == 2)
        {
            UpdatePlanar(support, z, previous, h);
            return;
        }
        Span<double> delta = stackalloc double[stride];
        for (var k = 0; k < columns; k++)
        {
            var now = h.AsSpan(k * stride, stride);
            var before = previous.AsSpan(k * stride, stride);
            if (now.SequenceEqual(before)) continue;
            for (var j = 0; j < stride; j++) delta[j] = now[j] - before[j];
            for (var i = starts[k]; i < starts[k + 1]; i++)
            {
                var w = weights[i];
                var row = z.AsSpan(indices[i] * stride, stride);
                for (var j = 0; j < stride; j++) row[j] += w * delta[j];
            }
        }
    }

    /// <summary>
    /// The planar update, the hot one (most of the digits CNN's time, on its dense last layer): the same
    /// operations in the same order as the general loop, with the delta in registers and no span per row.
    /// </summary>
    private static void UpdatePlanar(LayerSupport support, double[] z, double[] previous, double[] h)
    {
        var columns = support.ColumnStart.Length - 1;
        var starts = support.ColumnStart;
        var indices = support.ColumnRows;
        var weights = support.ColumnWeights;
        for (var k = 0; k < columns; k++)
        {
            var o = 3 * k;
            double n0 = h[o], n1 = h[o + 1], n2 = h[o + 2];
            double b0 = previous[o], b1 = previous[o + 1], b2 = previous[o + 2];
            // Equals, as SequenceEqual compares: -0 equals 0, and NaN equals NaN.
            if (n0.Equals(b0) && n1.Equals(b1) && n2.Equals(b2)) continue;
            double d0 = n0 - b0, d1 = n1 - b1, d2 = n2 - b2;
            for (var i = starts[k]; i < starts[k + 1]; i++)
            {
                var w = weights[i];
                var r = 3 * indices[i];
                z[r] += w * d0;
                z[r + 1] += w * d1;
                z[r + 2] += w * d2;
            }
        }
    }

    public static double At(ReadOnlySpan<double> row, ReadOnlySpan<double> y)
    {
        var value = row[^1];
        for (var i = 0; i < y.Length; i++) value += row[i] * y[i];
        return value;
    }

    /// <summary>Where <see cref="GradientNorm"/> needs no scaling: 2^-400 to 2^400.</summary>
    private static readonly double PlainLow = Math.ScaleB(1.0, -400), PlainHigh = Math.ScaleB(1.0, 400);

    /// <summary>|g| of the row g.y + c, without overflow or underflow in the squares (the sum is taken on the row scaled by a power of two).</summary>
    public static double GradientNorm(ReadOnlySpan<double> row)
    {
        var largest = 0.0;
        for (var i = 0; i < row.Length - 1; i++) largest = Math.Max(largest, Math.Abs(row[i]));
        if (largest == 0 || !double.IsFinite(largest)) return largest;
        if (largest >= PlainLow && largest <= PlainHigh)
        {
            // Scaling by a power of two is exact here: the squares (or those too small to move the sum), their
            // sum and its root are the scaled ones scaled back, so the plain sum gives the same bits, cheaper.
            var plain = 0.0;
            for (var i = 0; i < row.Length - 1; i++) plain += row[i] * row[i];
            return Math.Sqrt(plain);
        }
        var exponent = Math.ILogB(largest);
        var sum = 0.0;
        for (var i = 0; i < row.Length - 1; i++)
        {
            var scaled = Math.ScaleB(row[i], -exponent);
            sum += scaled * scaled;
        }
        return Math.ScaleB(Math.Sqrt(sum), exponent);
    }

    /// <summary>
    /// The layer with its weights and biases squared. Its pre-activations on the inputs' squared sizes are the
    /// squared sizes of the terms each coefficient is a sum of, sum (w s)^2 + b^2: the scale of its rounding. The
    /// root of squares, not the sum of sizes, because rounding errors of many terms add up like a random walk;
    /// the plain sum would grow with every layer's width and call a deep network's every near-incidence
    /// undecidable. Being linear in the squares, they are computed and updated like the maps themselves.
    /// </summary>
    public static Layer Squared(Layer layer)
    {
        static double Square(double x) => Math.Min(x * x, double.MaxValue);
        var weights = layer.Weights.ToArray();
        var biases = layer.Biases.ToArray();
        for (var i = 0; i < weights.Length; i++) weights[i] = Square(weights[i]);
        for (var i = 0; i < biases.Length; i++) biases[i] = Square(biases[i]);
        return new Layer(Activation.Linear, layer.Rows, layer.Columns, weights, biases);
    }

    /// <summary>The roots of a row's squared sizes (negative squares, rounding noise, count as 0): the sizes of its terms, for <see cref="SizeAt"/>.</summary>
    public static void Roots(ReadOnlySpan<double> squares, Span<double> roots)
    {
        for (var i = 0; i < squares.Length; i++) roots[i] = Math.Sqrt(Math.Max(squares[i], 0));
    }

    /// <summary>The size of a row's terms at a point, from their sizes (<see cref="Roots"/>, taken once per row): sizes times |x|, plus the constant's size.</summary>
    public static double SizeAt(ReadOnlySpan<double> roots, ReadOnlySpan<double> x)
    {
        var value = roots[^1];
        for (var i = 0; i < x.Length; i++) value += roots[i] * Math.Abs(x[i]);
        return value;
    }

    /// <summary>The largest size of a row's terms over a ball, from their squared sizes.</summary>
    public static double SizeOver(ReadOnlySpan<double> squares, ReadOnlySpan<double> center, double radius)
    {
        var value = Math.Sqrt(Math.Max(squares[^1], 0));
        for (var i = 0; i < center.Length; i++) value += Math.Sqrt(Math.Max(squares[i], 0)) * (Math.Abs(center[i]) + radius);
        return value;
    }

    /// <summary>The derivative of the row along direction n.</summary>
    public static double Along(ReadOnlySpan<double> row, ReadOnlySpan<double> n)
    {
        var value = 0.0;
        for (var i = 0; i < n.Length; i++) value += row[i] * n[i];
        return value;
    }

    private static bool IsZero(ReadOnlySpan<double> row)
    {
        foreach (var v in row)
        {
            if (v != 0) return false;
        }
        return true;
    }
}
