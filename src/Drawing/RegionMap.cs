using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;

namespace Regions.Drawing;

/// <summary>
/// Paints the activation regions of a network on a plane slice: one colour per pattern (from its
/// fingerprint, so a region has the same colour in every picture), dark pixels where the pattern
/// changes between neighbouring pixels. Also reports how many distinct patterns the pixels saw.
/// <para>
/// That number is a lower bound on the regions only if every pattern counted is real. Near-duplicate units can have
/// states that rounding decides, producing patterns no region has; so a pattern counts only once some pixel shows it
/// with every unit decided in double precision (<see cref="DecidedPatterns"/>). Pixels whose pattern no decided pixel
/// confirms are painted as boundary and reported as undecided.
/// </para>
/// </summary>
public static class RegionMap
{
    /// <summary>The colour of boundaries and of pixels whose pattern rounding may have made.</summary>
    private static readonly (byte, byte, byte) Dark = (40, 40, 40);

    public static RegionPicture Render(Network network, PlaneSlice slice, int width, int height)
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
                PixelCentre(slice, width, height, column, row, x);
                for (var j = 0; j < x.Length; j++) points[j * batch + p] = x[j];
            }
            evaluator.EvaluatePatterns(points, count, patterns);
            for (var p = 0; p < count; p++) fingerprints[pixel + p] = Fingerprint.Of(patterns.AsSpan(p * words, words));
            pixel += count;
        }

        var confirmed = Confirm(network, slice, width, height, fingerprints);
        var rgb = new byte[width * height * 3];
        var undecided = 0;
        for (var i = 0; i < fingerprints.Length; i++)
        {
            var (column, row) = (i % width, i / width);
            var unconfirmed = !confirmed.Contains(fingerprints[i]);
            if (unconfirmed) undecided++;
            var edge = unconfirmed || (column + 1 < width && fingerprints[i + 1] != fingerprints[i]) || (row + 1 < height && fingerprints[i + width] != fingerprints[i]);
            var (r, g, b) = edge ? Dark : PatternColours.Of(fingerprints[i]);
            rgb[3 * i] = r;
            rgb[3 * i + 1] = g;
            rgb[3 * i + 2] = b;
        }
        return new RegionPicture(rgb, confirmed.Count, undecided);
    }

    /// <summary>
    /// The fingerprints some pixel shows with every unit decided. A pattern already confirmed needs no further
    /// check, so the exact evaluation runs on few pixels besides those near boundaries.
    /// </summary>
    private static HashSet<UInt128> Confirm(Network network, PlaneSlice slice, int width, int height, UInt128[] fingerprints)
    {
        var confirmed = new HashSet<UInt128>();
        var decider = new DecidedPatterns(network);
        var pattern = new ulong[network.Layout.Words];
        var x = new double[network.Inputs];
        for (var i = 0; i < fingerprints.Length; i++)
        {
            if (confirmed.Contains(fingerprints[i])) continue;
            PixelCentre(slice, width, height, i % width, i / width, x);
            // The same point as the fast evaluator's, so a decided pattern with the same fingerprint confirms it.
            if (decider.TryEvaluate(x, pattern) && Fingerprint.Of(pattern) == fingerprints[i]) confirmed.Add(fingerprints[i]);
        }
        return confirmed;
    }

    /// <summary>Pixel centres; row 0 is the top of the picture (largest v).</summary>
    private static void PixelCentre(PlaneSlice slice, int width, int height, int column, int row, Span<double> x) =>
        slice.Point(slice.U0 + (column + 0.5) * (slice.U1 - slice.U0) / width, slice.V1 - (row + 0.5) * (slice.V1 - slice.V0) / height, x);
}

/// <summary>
/// A picture and what it shows: <see cref="DistinctPatterns"/> patterns confirmed by a decided pixel (a lower bound on
/// the regions the plane meets), and how many pixels were painted dark because no decided pixel confirmed their pattern.
/// </summary>
public sealed record RegionPicture(byte[] Rgb, int DistinctPatterns, int UndecidedPixels);
