using Regions.Kernel.Evaluation;

namespace Regions.Drawing;

/// <summary>
/// A region's colour from its fingerprint alone (a hash of it, so the same pattern has the same colour in every
/// picture, at any zoom, in any run): hue from the hash, kept pale so boundaries and the zero set stand out.
/// </summary>
public static class PatternColours
{
    public static (byte R, byte G, byte B) Of(UInt128 fingerprint)
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
