using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;

namespace Regions.Kernel.Pictures;

/// <summary>
/// Paints the activation regions of a network on a plane slice: one colour per pattern (from its
/// fingerprint, so a region has the same colour in every picture), dark pixels where the pattern
/// changes between neighbouring pixels. Also reports how many distinct patterns the pixels saw.
/// </summary>
public static class RegionMap
{
    public static (byte[] Rgb, int DistinctPatterns) Render(Network network, PlaneSlice slice, int width, int height)
    {
        if (width < 2 || height < 2 || (long)width * height > 64_000_000) throw new InvalidRequestException($"picture size {width}x{height} is outside 2x2 .. 64 megapixels");
        var fingerprints = new UInt128[width * height];
        var evaluator = EvaluatorFactory.Create(network);
        var batch = evaluator.BatchCapacity;
        var words = network.Layout.Words;
        var points = new double[network.Inputs * batch];
        var patterns = new ulong[batch * words];
        var x = new double[network.Inputs];
        var pixel = 0;
        while (pixel < fingerprints.Length)
        {
            var count = Math.Min(batch, fingerprints.Length - pixel);
            for (var p = 0; p < count; p++)
            {
                var (column, row) = ((pixel + p) % width, (pixel + p) / width);
                // Pixel centres; row 0 is the top of the picture (largest v).
                slice.Point(slice.U0 + (column + 0.5) * (slice.U1 - slice.U0) / width, slice.V1 - (row + 0.5) * (slice.V1 - slice.V0) / height, x);
                for (var j = 0; j < x.Length; j++) points[j * batch + p] = x[j];
            }
            evaluator.EvaluatePatterns(points, count, patterns);
            for (var p = 0; p < count; p++) fingerprints[pixel + p] = Fingerprint.Of(patterns.AsSpan(p * words, words), network.Layout.TotalBits);
            pixel += count;
        }

        var rgb = new byte[width * height * 3];
        for (var i = 0; i < fingerprints.Length; i++)
        {
            var (column, row) = (i % width, i / width);
            var edge = (column + 1 < width && fingerprints[i + 1] != fingerprints[i]) || (row + 1 < height && fingerprints[i + width] != fingerprints[i]);
            var (r, g, b) = edge ? ((byte)40, (byte)40, (byte)40) : Colour(fingerprints[i]);
            rgb[3 * i] = r;
            rgb[3 * i + 1] = g;
            rgb[3 * i + 2] = b;
        }
        return (rgb, fingerprints.Distinct().Count());
    }

    /// <summary>A light colour from a fingerprint: hue from the hash, kept pale so boundaries stand out.</summary>
    private static (byte, byte, byte) Colour(UInt128 fingerprint)
    {
        var h = Fingerprint.Hash([(ulong)fingerprint, (ulong)(fingerprint >> 64)]);
        var bits = (ulong)h;
        var hue = (bits & 0xFFFF) / 65536.0 * 6;
        var saturation = 0.35 + 0.3 * ((bits >> 16) & 0xFF) / 255.0;
        var value = 0.85 + 0.15 * ((bits >> 24) & 0xFF) / 255.0;
        var sector = (int)hue;
        var f = hue - sector;
        double p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f));
        var (r, g, b) = sector switch { 0 => (value, t, p), 1 => (q, value, p), 2 => (p, value, t), 3 => (p, q, value), 4 => (t, p, value), _ => (value, p, q) };
        return ((byte)(255 * r), (byte)(255 * g), (byte)(255 * b));
    }
}
