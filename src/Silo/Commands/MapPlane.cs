using System.Globalization;
using Regions.Kernel;
using Regions.Kernel.Format;
using Regions.Kernel.Geometry;
using Regions.Kernel.Model;

namespace Regions.Silo.Commands;

/// <summary>
/// The plane a map is drawn on and its (u, v) rectangle, from <c>map</c>'s options: a plane through three data rows
/// (<c>--data</c>, <c>--plane-through</c>, as <c>count</c> reads them), or x = origin + u U + v V (by default the
/// first two inputs), with <c>--box</c> or the model's meta.domain.
/// </summary>
internal sealed record MapPlane(AffineSlice Slice, Box Box, string Description)
{
    /// <summary>Through data: the three rows, at (0, 0), (1, 0) and (0, 1) of the plane, labelled as the user named them.</summary>
    public IReadOnlyList<(double U, double V, string Label)> Marks { get; init; } = [];

    public static MapPlane From(Network network, string? box, string? origin, string? u, string? v, string? data, string? planeThrough,
        Kernel.Limits.ResourceLimits limits)
    {
        if (DataSlices.Through(data, planeThrough, null, network.Inputs, limits) is { } points)
        {
            if ((origin ?? u ?? v) is not null) throw new InvalidRequestException("a plane through data replaces --origin, --u and --v; give one of them");
            var (slice, domain) = DataSlices.Domain(points, null, box);
            var names = planeThrough!.Split(',', StringSplitOptions.TrimEntries);
            return new MapPlane(slice, domain, $"plane through rows {planeThrough} of {Path.GetFileName(data)}: x = A + u (B - A) + v (C - A)")
            {
                Marks = names.Length == 3 ? [(0, 0, names[0]), (1, 0, names[1]), (0, 1, names[2])] : [],
            };
        }
        var n = network.Inputs;
        var o = Vector(origin, n, "--origin") ?? new double[n];
        var du = Vector(u, n, "--u") ?? Axis(n, 0);
        var dv = Vector(v, n, "--v") ?? Axis(n, 1);
        // A zero or repeated direction collapses the picture to a line: every pixel column would be the same point.
        if (du.All(x => x == 0) || dv.All(x => x == 0)) throw new InvalidRequestException($"{(du.All(x => x == 0) ? "--u" : "--v")} is the zero vector; a map needs two independent directions");
        if (Parallel(du, dv)) throw new InvalidRequestException("--u and --v are parallel; a map needs two independent directions");
        Box rect;
        if (box is not null)
        {
            try
            {
                rect = Box.Parse(box, 2);
            }
            catch (FormatException e)
            {
                throw new InvalidRequestException($"--box: {e.Message}");
            }
        }
        else
        {
            var meta = MetaDomain.Read(network) ?? throw new InvalidRequestException("box", "required (the network's meta records no domain)");
            rect = new Box([meta.Lower[0], meta.Lower[1]], [meta.Upper[0], meta.Upper[1]]);
        }
        var axes = origin is null && u is null && v is null;
        var description = axes ? (n == 2 ? "the input plane (u, v) = (x1, x2)" : $"the plane of x1 and x2, other inputs 0")
            : $"plane x = O + u U + v V, O = ({Short(o)}), U = ({Short(du)}), V = ({Short(dv)})";
        return new MapPlane(new AffineSlice(o, [du, dv]), rect, description);
    }

    /// <summary>A vector for the title: its first coordinates, so a 784-input plane still fits on one line.</summary>
    private static string Short(double[] x) =>
        string.Join(", ", x.Take(4).Select(c => c.ToString("G4", CultureInfo.InvariantCulture))) + (x.Length > 4 ? $", ... ({x.Length})" : "");

    /// <summary>Parallel within rounding, by the Gram determinant relative to the lengths (so any scale of u and v).</summary>
    private static bool Parallel(double[] u, double[] v)
    {
        var (su, sv) = (u.Max(Math.Abs), v.Max(Math.Abs));
        double uu = 0, vv = 0, uv = 0;
        for (var i = 0; i < u.Length; i++)
        {
            var (a, b) = (u[i] / su, v[i] / sv);
            (uu, vv, uv) = (uu + a * a, vv + b * b, uv + a * b);
        }
        return uu * vv - uv * uv <= 1e-24 * uu * vv;
    }

    private static double[] Axis(int n, int axis)
    {
        var e = new double[n];
        e[axis] = 1;
        return e;
    }

    private static double[]? Vector(string? text, int n, string option)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        if (parts.Length != n) throw new InvalidRequestException($"{option}: {parts.Length} coordinates, expected {n}");
        var vector = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out vector[i]) || !double.IsFinite(vector[i]))
                throw new InvalidRequestException($"{option}: '{parts[i]}' is not a finite number");
        }
        return vector;
    }
}
