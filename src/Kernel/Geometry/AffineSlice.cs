using System.Globalization;

namespace Regions.Kernel.Geometry;

/// <summary>
/// An affine slice of the input space, x = O + y_1 D_1 + ... + y_d D_d: a segment (d = 1) or a plane
/// (d = 2) through a higher-dimensional input, or the whole input space (the identity). Counting on a
/// slice counts the regions the slice meets, in its own parameters y.
/// </summary>
public sealed class AffineSlice
{
    public AffineSlice(double[] origin, double[][] directions)
    {
        if (directions.Length == 0) throw new InvalidRequestException("a slice needs at least one direction");
        foreach (var direction in directions)
        {
            if (direction.Length != origin.Length)
                throw new InvalidRequestException($"a slice direction has {direction.Length} coordinates but the origin has {origin.Length}");
            if (direction.All(v => v == 0)) throw new InvalidRequestException("a slice direction is zero");
        }
        if (origin.Concat(directions.SelectMany(v => v)).Any(v => !double.IsFinite(v)))
            throw new InvalidRequestException("slice coordinates must be finite numbers");
        Origin = origin;
        Directions = directions;
    }

    public double[] Origin { get; }

    public double[][] Directions { get; }

    /// <summary>Dimension of the slice's parameter space.</summary>
    public int Dimension => Directions.Length;

    /// <summary>Dimension of the input space it lives in.</summary>
    public int Inputs => Origin.Length;

    public static AffineSlice Identity(int inputs) =>
        new(new double[inputs], Enumerable.Range(0, inputs).Select(i => { var e = new double[inputs]; e[i] = 1; return e; }).ToArray());

    /// <summary>The input coordinates as affine rows over the parameters: row i is (D_1[i], ..., D_d[i], O[i]).</summary>
    public double[] Embedding()
    {
        var d = Dimension;
        var rows = new double[Inputs * (d + 1)];
        for (var i = 0; i < Inputs; i++)
        {
            for (var j = 0; j < d; j++) rows[i * (d + 1) + j] = Directions[j][i];
            rows[i * (d + 1) + d] = Origin[i];
        }
        return rows;
    }

    public double[] Point(ReadOnlySpan<double> parameters)
    {
        var x = (double[])Origin.Clone();
        for (var j = 0; j < Dimension; j++)
        {
            for (var i = 0; i < Inputs; i++) x[i] += parameters[j] * Directions[j][i];
        }
        return x;
    }

    /// <summary>
    /// Maps a batch of parameter points to input points, structure-of-arrays on both sides (parameter j of point p
    /// at <c>parameters[j * stride + p]</c>, input i at <c>inputs[i * stride + p]</c>). Each coordinate is summed in
    /// <see cref="Point"/>'s order, so a mapped point has the same bits as <see cref="Point"/> gives.
    /// </summary>
    public void Map(ReadOnlySpan<double> parameters, Span<double> inputs, int stride, int count)
    {
        for (var i = 0; i < Inputs; i++)
        {
            var x = inputs.Slice(i * stride, count);
            x.Fill(Origin[i]);
            for (var j = 0; j < Dimension; j++)
            {
                var step = Directions[j][i];
                var y = parameters.Slice(j * stride, count);
                for (var p = 0; p < count; p++) x[p] += y[p] * step;
            }
        }
    }

    /// <summary>
    /// A box of the inputs holding the slice's image of a parameter box (interval arithmetic). A coordinate the
    /// slice does not move is widened by a few ulps to make a proper box; rounding of the mapped points stays inside.
    /// </summary>
    public Box BoundingBox(Box range)
    {
        var lower = new double[Inputs];
        var upper = new double[Inputs];
        for (var i = 0; i < Inputs; i++)
        {
            double lo = Origin[i], hi = Origin[i], magnitude = Math.Abs(Origin[i]);
            for (var j = 0; j < Dimension; j++)
            {
                var step = Directions[j][i];
                lo += Math.Min(step * range.Lower[j], step * range.Upper[j]);
                hi += Math.Max(step * range.Lower[j], step * range.Upper[j]);
                magnitude += Math.Abs(step) * Math.Max(Math.Abs(range.Lower[j]), Math.Abs(range.Upper[j]));
            }
            // Far above the rounding of d + 1 terms (relative 2^-52 each), far below anything a budget cares about.
            var margin = Math.ScaleB(magnitude, -40) + double.Epsilon;
            lower[i] = lo - margin;
            upper[i] = hi + margin;
        }
        return new Box(lower, upper);
    }

    /// <summary>True when two directions span a line, not a plane (to the precision the enumerators can resolve).</summary>
    public bool HasParallelDirections =>
        Enumerable.Range(0, Dimension).Any(a => Enumerable.Range(a + 1, Dimension - a - 1).Any(b => AreParallel(Directions[a], Directions[b])));

    /// <summary>The slice as a token, <c>O:D1[:D2...]</c> with comma-separated round-trip numbers; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() =>
        string.Join(":", new[] { Origin }.Concat(Directions).Select(v => string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))));

    /// <summary>Reads <see cref="ToString"/>'s token: an origin and one or more directions of <paramref name="inputs"/> coordinates each.</summary>
    public static AffineSlice Parse(string text, int inputs)
    {
        var parts = text.Split(':');
        if (parts.Length < 2) throw new InvalidRequestException($"slice '{text}': expected O:D1[:D2] (comma-separated, {inputs} coordinates each)");
        return new AffineSlice(Vector(parts[0], inputs, "O", text), parts.Skip(1).Select((d, j) => Vector(d, inputs, $"D{j + 1}", text)).ToArray());
    }

    /// <summary>
    /// Parses <c>P:D:T0:T1</c> (a segment x = P + t D, t in [T0, T1]) and returns the slice and its
    /// parameter box.
    /// </summary>
    public static (AffineSlice Slice, Box Range) ParseSegment(string text, int inputs)
    {
        var parts = text.Split(':');
        if (parts.Length != 4) throw new InvalidRequestException($"segment '{text}': expected P:D:T0:T1 (P and D comma-separated, {inputs} coordinates each)");
        var p = Vector(parts[0], inputs, "P", text);
        var d = Vector(parts[1], inputs, "D", text);
        var t0 = Scalar(parts[2], "T0", text);
        var t1 = Scalar(parts[3], "T1", text);
        if (!(t0 < t1)) throw new InvalidRequestException($"segment '{text}': T0 = {t0} must be below T1 = {t1}");
        if (DomainLimits.Problem(t0, t1) is { } problem) throw new InvalidRequestException($"segment '{text}': T0:T1 {problem}");
        // The point and direction are coordinates of the input space, held to the same range as a box.
        if (p.Concat(d).FirstOrDefault(v => Math.Abs(v) > DomainLimits.MaxCoordinate) is var far and not 0)
            throw new InvalidRequestException($"segment '{text}': {far:R} reaches beyond the supported coordinates -1e150..1e150");
        return (new AffineSlice(p, [d]), new Box([t0], [t1]));
    }

    /// <summary>Parses <c>O:D1:D2</c>, a plane x = O + u D1 + v D2.</summary>
    public static AffineSlice ParsePlane(string text, int inputs)
    {
        var parts = text.Split(':');
        if (parts.Length != 3) throw new InvalidRequestException($"plane '{text}': expected O:D1:D2 (comma-separated, {inputs} coordinates each)");
        var slice = new AffineSlice(Vector(parts[0], inputs, "O", text), [Vector(parts[1], inputs, "D1", text), Vector(parts[2], inputs, "D2", text)]);
        if (AreParallel(slice.Directions[0], slice.Directions[1])) throw new InvalidRequestException($"plane '{text}': D1 and D2 are parallel");
        return slice;
    }

    /// <summary>
    /// The line (two points) or plane (three) through data points, as the field slices a trained network (Hanin and
    /// Rolnick; SplineCam): x = A + y_1 (B - A) [+ y_2 (C - A)], so A, B and C sit at parameters 0, e_1 and e_2.
    /// </summary>
    public static AffineSlice Through(IReadOnlyList<double[]> points)
    {
        if (points.Count is not (2 or 3)) throw new InvalidRequestException($"a slice goes through 2 or 3 points, not {points.Count}");
        var origin = points[0];
        var directions = points.Skip(1).Select(p => p.Zip(origin, (x, o) => x - o).ToArray()).ToArray();
        if (directions.Any(d => d.All(v => v == 0))) throw new InvalidRequestException("two of the points are the same");
        if (directions.Length == 2 && AreParallel(directions[0], directions[1])) throw new InvalidRequestException("the three points are on one line");
        return new AffineSlice(origin, directions);
    }

    /// <summary>True when a and b span a line, not a plane (to the precision the enumerators can resolve).</summary>
    private static bool AreParallel(double[] a, double[] b)
    {
        double aa = a.Sum(v => v * v), bb = b.Sum(v => v * v), ab = a.Zip(b, (x, y) => x * y).Sum();
        return aa * bb - ab * ab <= 1e-24 * aa * bb;
    }

    private static double[] Vector(string text, int inputs, string name, string whole)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != inputs) throw new InvalidRequestException($"'{whole}': {name} has {parts.Length} coordinates, the network has {inputs} inputs");
        return parts.Select(p => Scalar(p, name, whole)).ToArray();
    }

    private static double Scalar(string text, string name, string whole)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new InvalidRequestException($"'{whole}': {name} '{text}' is not a finite number");
        return value;
    }
}
