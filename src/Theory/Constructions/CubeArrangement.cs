using System.Numerics;
using System.Text.Json.Nodes;
using Regions.Kernel.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>
/// The last hidden layer of every relu construction: n hyperplanes in general position in working
/// coordinates y, with every region of the arrangement meeting the open unit cube (0,1)^d, and the
/// output weights to read it. Unit u is on where <c>Normals[u] . y + Offsets[u] &gt; 0</c>.
/// <para>
/// Two designs, both chosen so that the output gradient <c>g = sum over on units of OutputWeights[u] Normals[u]</c>
/// has every coordinate nonzero in every region that has a unit on. That is what keeps the mirrored copies of a
/// region on the two sides of a fold from sharing an affine map.
/// </para>
/// <list type="bullet">
/// <item><b>Bounded core</b> (n &gt;= d+1, designs in <see cref="BoundedCoreDesigns"/>): d "axis" units, unit i
/// leaning to -e_i, and n-d units with all-positive normals, all oriented so that one bounded region (around a
/// witness point) has every unit on.
/// Then no region has every unit off: if s and -s were both regions, the ray from a point of -s through a point of s
/// would stay in s, so s would be unbounded. In column i the axis unit i is the only negative entry and its output
/// weight is large enough to outweigh all positive entries together, so g_i &lt; 0 when it is on and g_i &gt; 0 when
/// it is off (some other unit is on). Every vertex is computed and the arrangement fitted, axis by axis, so that the
/// vertices span [Margin, 1-Margin]^d; every region has a vertex (n &gt;= d, general position), so every region meets
/// the cube.</item>
/// <item><b>Corner fan</b> (n &lt;= d): all normals positive, all hyperplanes through one point v near the corner 0.
/// The 2^n regions all meet the cube at v. The all-off region cannot be avoided (every sign vector occurs); it
/// contains the corner 0 and touches no upper face y_i = 1, which is what the folding constructions need to count
/// how many of its copies merge.</item>
/// </list>
/// </summary>
internal sealed class CubeArrangement(int dimension, double[][] normals, double[] offsets, double[] outputWeights, string design, ArrangementReport? report)
{
    /// <summary>Vertices are placed at least this far inside every face of the unit cube.</summary>
    public const double Margin = 0.1;

    /// <summary>
    /// The smallest distance (in the unit cube) between two crossings on a line that is accepted: 1e-9, or more where
    /// folds amplify rounding (<see cref="ConstructionLimits.FoldError"/>): regions must be far wider than the error of
    /// the folded coordinate to be realised by the network as computed.
    /// </summary>
    public static double RequiredSeparation(double foldError) => Math.Max(1e-9, ConstructionLimits.ResolutionFactor * foldError);

    public int Dimension { get; } = dimension;

    public int Count => Normals.Length;

    public double[][] Normals { get; } = normals;

    public double[] Offsets { get; } = offsets;

    public double[] OutputWeights { get; } = outputWeights;

    public string Design { get; } = design;

    /// <summary>The inspection of the final arrangement (null for the corner fan, which has at most one vertex, v).</summary>
    public ArrangementReport? Report { get; } = report;

    /// <summary>The corner fan's common point (null for the bounded core).</summary>
    public double[]? BasePoint { get; private init; }

    /// <summary>An arrangement with n &lt;= d hyperplanes has a region with every unit off.</summary>
    public bool HasAllOffRegion => Count <= Dimension;

    public BigInteger Regions => RegionCounting.GeneralPositionRegions(Count, Dimension);

    public IReadOnlyList<AffineRow> Rows => Normals.Select((w, u) => new AffineRow(w, Offsets[u])).ToArray();

    /// <summary>Null if an arrangement of this size can be built and verified; otherwise why not.</summary>
    public static string? TooLarge(int hyperplanes, int dimension)
    {
        if (hyperplanes > dimension) return ArrangementInspector.TooLarge(hyperplanes, dimension);
        return (double)hyperplanes * dimension > ArrangementInspector.MaxWork
            ? $"{hyperplanes} hyperplanes in dimension {dimension} are too many weights to build"
            : null;
    }

    /// <summary>Builds n hyperplanes in the unit cube of dimension d; throws <see cref="InvalidRequestException"/> for sizes that cannot be verified.</summary>
    /// <param name="foldError">Rounding error of the folded coordinates this layer reads (0 without folds).</param>
    public static CubeArrangement Build(string construction, int dimension, int hyperplanes, ulong seed, ulong stream, double foldError = 0)
    {
        if (TooLarge(hyperplanes, dimension) is { } reason) throw new InvalidRequestException($"{construction}: last hidden layer: {reason}");
        if (RequiredSeparation(foldError) > Margin)
            throw new InvalidRequestException($"{construction}: the folds amplify rounding to about {foldError:G2} in the folded coordinates, too coarse for any last layer; use fewer or smaller fold layers");
        return hyperplanes <= dimension
            ? CornerFan(construction, dimension, hyperplanes, DeterministicRandom.ForStream(seed, stream), RequiredSeparation(foldError))
            : BoundedCore(construction, dimension, hyperplanes, seed, stream, RequiredSeparation(foldError));
    }

    public JsonObject Describe()
    {
        var description = new JsonObject
        {
            ["hyperplanes"] = Count,
            ["design"] = Design,
            ["regionsPerCopy"] = ConstructionMeta.Count(Regions),
            ["coordinates"] = "working coordinates y, in which the domain (or each fold copy of it) is the unit cube",
        };
        if (Report is { } report)
        {
            description["vertices"] = report.Vertices;
            description["vertexLower"] = ConstructionMeta.Numbers(report.VertexLower);
            description["vertexUpper"] = ConstructionMeta.Numbers(report.VertexUpper);
            description["minVertexSeparation"] = report.MinSeparation;
        }
        if (BasePoint is { } v) description["commonPoint"] = ConstructionMeta.Numbers(v);
        return description;
    }

    private static CubeArrangement CornerFan(string construction, int d, int n, DeterministicRandom random, double requiredSeparation)
    {
        // v is small enough that w_u . v < min_i w_u,i: every point with some y_i = 1 has every unit on.
        var v = Enumerable.Range(0, d).Select(_ => 0.25 / d * (0.9 + 0.2 * random.NextDouble())).ToArray();
        if (v.Min() < requiredSeparation)
            throw new InvalidRequestException($"{construction}: the common point of the last layer's hyperplanes is {v.Min():G3} from the cube's faces, less than the {requiredSeparation:G3} that double precision resolves after the folds; use fewer folds");
        var normals = new double[n][];
        var offsets = new double[n];
        var output = new double[n];
        for (var u = 0; u < n; u++)
        {
            // e_u (jittered) plus a constant: the first n columns form a positive definite block, so the normals are independent.
            var w = Enumerable.Repeat(0.5, d).ToArray();
            w[u] += 0.9 + 0.2 * random.NextDouble();
            normals[u] = w;
            offsets[u] = -Dot(w, v);
            output[u] = 1 + random.NextDouble();
            if (!(-offsets[u] < w.Min())) throw new InvalidOperationException("corner fan: the base point is too far from the corner");
        }
        return new CubeArrangement(d, normals, offsets, output, "corner-fan", null) { BasePoint = v };
    }

    private static CubeArrangement BoundedCore(string construction, int d, int n, ulong seed, ulong stream, double requiredSeparation)
    {
        var design = BoundedCoreDesigns.Design(d, n);
        var designReport = ArrangementInspector.Inspect(design.Normals, design.Offsets, d);
        if (!designReport.GeneralPosition)
            throw new InvalidRequestException($"{construction}: {n} hyperplanes in dimension {d} cannot be kept in general position in double precision ({designReport.Failure}); use fewer units");

        // Map the vertices' bounding box onto [Margin, 1-Margin]^d axis by axis: y_i = 1/2 + s_i (z_i - m_i). A positive
        // diagonal map keeps general position, the orientation of every unit and the sign of every normal coordinate.
        var middle = Enumerable.Range(0, d).Select(i => 0.5 * (designReport.VertexLower[i] + designReport.VertexUpper[i])).ToArray();
        var stretch = Enumerable.Range(0, d).Select(i => (1 - 2 * Margin) / (designReport.VertexUpper[i] - designReport.VertexLower[i])).ToArray();
        var normals = new double[n][];
        var offsets = new double[n];
        for (var u = 0; u < n; u++)
        {
            var w = design.Normals[u];
            var normal = w.Select((x, i) => x / stretch[i]).ToArray();
            var offset = design.Offsets[u] + w.Select((x, i) => x * (middle[i] - 0.5 / stretch[i])).Sum();
            var length = Math.Sqrt(Dot(normal, normal));
            normals[u] = normal.Select(x => x / length).ToArray();
            offsets[u] = offset / length;
        }
        var final = ArrangementInspector.Inspect(normals, offsets, d);
        if (!final.GeneralPosition || final.VertexLower.Min() < Margin / 2 || final.VertexUpper.Max() > 1 - Margin / 2)
            throw new InvalidOperationException($"bounded core: the fitted arrangement fails its check ({final.Failure ?? "vertices outside the cube"})");
        if (!(final.MinSeparation >= requiredSeparation))
            throw new InvalidRequestException($"{construction}: {n} hyperplanes in dimension {d} come within {final.MinSeparation:G3} of a degenerate arrangement "
                + $"(crossings that close), less than the {requiredSeparation:G3} that double precision resolves after the folds; use fewer units or fewer folds");
        var output = DominantOutputWeights(normals, design.AxisUnits, DeterministicRandom.ForStream(seed, stream));
        RequireBoundedAllOnRegion(normals, offsets, design.AxisUnits, design.Witness.Select((z, i) => 0.5 + stretch[i] * (z - middle[i])).ToArray());
        return new CubeArrangement(d, normals, offsets, output, "bounded-core", final);
    }

    /// <summary>
    /// Output weights in [1, 2] for the positive units, and for each axis unit a weight that makes it outweigh, by a
    /// factor of 1.6 (checked against 1.2 after rounding), every positive entry of its column: the proof needs it.
    /// </summary>
    private static double[] DominantOutputWeights(double[][] normals, int[] axisUnits, DeterministicRandom random)
    {
        var n = normals.Length;
        var d = axisUnits.Length;
        var isAxis = new bool[n];
        foreach (var a in axisUnits) isAxis[a] = true;
        var output = new double[n];
        for (var u = 0; u < n; u++) output[u] = isAxis[u] ? 0 : 1 + random.NextDouble();

        // Axis weights x solving, for every column i, x_i |w_ii| = 1.6 (positives of column i, jittered by up to 10%, plus
        // sum_{j != i} x_j w_ji): a Z-matrix system whose solution is positive when the axis units' tilts are small.
        var system = new double[d, d + 1];
        for (var i = 0; i < d; i++)
        {
            var positives = 0.0;
            for (var u = 0; u < n; u++) if (!isAxis[u]) positives += output[u] * normals[u][i];
            for (var j = 0; j < d; j++) system[i, j] = j == i ? -normals[axisUnits[i]][i] : -1.6 * normals[axisUnits[j]][i];
            system[i, d] = 1.6 * positives * (1 + 0.1 * random.NextDouble());
        }
        var axisWeights = SolveSmall(system, d);
        if (axisWeights is null || axisWeights.Any(x => !(x > 0)))
            throw new InvalidOperationException("bounded core: the axis units are tilted too far to dominate their columns");
        for (var i = 0; i < d; i++) output[axisUnits[i]] = axisWeights[i];

        for (var i = 0; i < d; i++)
        {
            var opposing = 0.0;
            for (var u = 0; u < n; u++)
            {
                if (u == axisUnits[i]) continue;
                if (!(normals[u][i] > 0)) throw new InvalidOperationException($"bounded core: unit {u} is not positive in column {i}");
                opposing += output[u] * normals[u][i];
            }
            var own = -output[axisUnits[i]] * normals[axisUnits[i]][i];
            if (!(own >= 1.2 * opposing)) throw new InvalidOperationException($"bounded core: axis unit of column {i} does not dominate");
        }
        return output;
    }

    /// <summary>
    /// Checks that every unit is on at the witness and that the normals positively span R^d (so the all-on region is
    /// bounded): some diagonal unit's normal is a negative combination of the axis units' normals, which span R^d.
    /// </summary>
    private static void RequireBoundedAllOnRegion(double[][] normals, double[] offsets, int[] axisUnits, double[] witness)
    {
        for (var u = 0; u < normals.Length; u++)
        {
            if (!(Dot(normals[u], witness) + offsets[u] > 0)) throw new InvalidOperationException($"bounded core: unit {u} is off at the witness");
        }
        var d = axisUnits.Length;
        var other = Enumerable.Range(0, normals.Length).First(u => !axisUnits.Contains(u));
        // Solve sum_i lambda_i normal[axis_i] = -normal[other] (d x d, columns are the axis normals).
        var system = new double[d, d + 1];
        for (var r = 0; r < d; r++)
        {
            for (var i = 0; i < d; i++) system[r, i] = normals[axisUnits[i]][r];
            system[r, d] = -normals[other][r];
        }
        var lambda = SolveSmall(system, d);
        if (lambda is null || lambda.Any(l => !(l > 0)))
            throw new InvalidOperationException("bounded core: the normals do not positively span, the all-on region would be unbounded");
    }

    internal static double[]? SolveSmall(double[,] a, int d)
    {
        for (var k = 0; k < d; k++)
        {
            var pivot = k;
            for (var r = k + 1; r < d; r++) if (Math.Abs(a[r, k]) > Math.Abs(a[pivot, k])) pivot = r;
            if (Math.Abs(a[pivot, k]) < 1e-12) return null;
            for (var c = 0; c <= d; c++) (a[k, c], a[pivot, c]) = (a[pivot, c], a[k, c]);
            for (var r = k + 1; r < d; r++)
            {
                var f = a[r, k] / a[k, k];
                for (var c = k; c <= d; c++) a[r, c] -= f * a[k, c];
            }
        }
        var x = new double[d];
        for (var k = d - 1; k >= 0; k--)
        {
            var s = a[k, d];
            for (var c = k + 1; c < d; c++) s -= a[k, c] * x[c];
            x[k] = s / a[k, k];
        }
        return x;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

}
