using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Affine functions of the parameter y in P, stored flat: row r is g_r[0..d-1] followed by its offset c_r.
/// The engine keeps each layer's inputs and pre-activations this way, so a region's maps are composed once.
/// </summary>
internal static class AffineRows
{
    /// <summary>Pre-activations z = W h + b of a layer, h given as rows of affine functions.</summary>
    public static double[] PreActivations(Layer layer, double[] input, int d) =>
        PreActivations(layer, input, d, new double[layer.Rows * (d + 1)]);

    /// <summary>The same, written into <paramref name="z"/> (rows x (d + 1)).</summary>
    public static double[] PreActivations(Layer layer, double[] input, int d, double[] z)
    {
        var stride = d + 1;
        Array.Clear(z);
        for (var r = 0; r < layer.Rows; r++) z[r * stride + d] = layer.Biases[r];
        for (var k = 0; k < layer.Columns; k++)
        {
            var h = input.AsSpan(k * stride, stride);
            if (IsZero(h)) continue;   // dead units and constant-zero inputs contribute nothing
            for (var r = 0; r < layer.Rows; r++)
            {
                var w = layer.Weight(r, k);
                if (w == 0) continue;
                var row = z.AsSpan(r * stride, stride);
                for (var j = 0; j < stride; j++) row[j] += w * h[j];
            }
        }
        return z;
    }

    /// <summary>Adds W (h - previous) to z, visiting only the input rows that changed.</summary>
    public static void UpdatePreActivations(Layer layer, double[] z, double[] previous, double[] h, int d)
    {
        var stride = d + 1;
        Span<double> delta = stackalloc double[stride];
        for (var k = 0; k < layer.Columns; k++)
        {
            var now = h.AsSpan(k * stride, stride);
            var before = previous.AsSpan(k * stride, stride);
            if (now.SequenceEqual(before)) continue;
            for (var j = 0; j < stride; j++) delta[j] = now[j] - before[j];
            for (var r = 0; r < layer.Rows; r++)
            {
                var w = layer.Weight(r, k);
                if (w == 0) continue;
                var row = z.AsSpan(r * stride, stride);
                for (var j = 0; j < stride; j++) row[j] += w * delta[j];
            }
        }
    }

    public static double At(ReadOnlySpan<double> row, ReadOnlySpan<double> y)
    {
        var value = row[^1];
        for (var i = 0; i < y.Length; i++) value += row[i] * y[i];
        return value;
    }

    public static double GradientNorm(ReadOnlySpan<double> row)
    {
        var sum = 0.0;
        for (var i = 0; i < row.Length - 1; i++) sum += row[i] * row[i];
        return Math.Sqrt(sum);
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
