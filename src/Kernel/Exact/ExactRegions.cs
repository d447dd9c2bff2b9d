using Regions.Kernel.Evaluation;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>Turns what the engine reports into <see cref="ExactRegion"/>s, and compares output maps.</summary>
internal static class ExactRegions
{
    public static ExactRegion Create(Network network, AffineSlice slice, ulong[] pattern, double[] outputs, double[] centroid, int d)
    {
        var maps = new AffineMap[network.Outputs];
        for (var o = 0; o < maps.Length; o++)
            maps[o] = new AffineMap(outputs.AsSpan(o * (d + 1), d).ToArray(), outputs[o * (d + 1) + d]);
        return new ExactRegion((ulong[])pattern.Clone(), Fingerprint.Of(pattern, network.Layout.TotalBits), slice.Point(centroid), maps);
    }

    /// <summary>Equal within <see cref="ExactTolerance.MapRelative"/> (maps reached through different regions round differently).</summary>
    public static bool SameMaps(double[] a, double[] b)
    {
        var scale = 0.0;
        for (var i = 0; i < a.Length; i++) scale = Math.Max(scale, Math.Max(Math.Abs(a[i]), Math.Abs(b[i])));
        var tolerance = ExactTolerance.MapRelative * (1 + scale);
        for (var i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i] - b[i]) > tolerance) return false;
        }
        return true;
    }

    public static double Diameter(Box box)
    {
        var sum = 0.0;
        for (var i = 0; i < box.Dimension; i++) sum += box.Width(i) * box.Width(i);
        return Math.Sqrt(sum);
    }
}
