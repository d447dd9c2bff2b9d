namespace Regions.Theory.Constructions;

/// <summary>What walking every line of an arrangement found.</summary>
/// <param name="Failure">Null when the arrangement is in general position; otherwise why not.</param>
/// <param name="Vertices">Number of vertices (points where d hyperplanes meet); C(n, d) in general position.</param>
/// <param name="VertexLower">Smallest vertex coordinate along each axis.</param>
/// <param name="VertexUpper">Largest vertex coordinate along each axis.</param>
/// <param name="MinSeparation">Smallest distance between two consecutive crossings on any line (how close the arrangement comes to a degenerate one).</param>
internal sealed record ArrangementReport(string? Failure, long Vertices, double[] VertexLower, double[] VertexUpper, double MinSeparation)
{
    public bool GeneralPosition => Failure is null;
}

/// <summary>
/// Computes every vertex of an affine arrangement <c>{y : normal_u . y + offset_u = 0}</c> in R^d (n &gt;= d
/// hyperplanes) by walking every line, the intersection of d-1 hyperplanes: it checks that the line is
/// well defined, that no other hyperplane is parallel to it, and that the others cross it at distinct
/// points (no d+1 hyperplanes through one point). That is general position, and the crossings are the
/// vertices, so their bounding box is exact. Sorting the crossings of a line costs n log n instead of the
/// n^2 of testing every vertex against every hyperplane.
/// </summary>
internal static class ArrangementInspector
{
    /// <summary>Arrangements with more vertices are refused: the check would take too long.</summary>
    public const long MaxVertices = 2_000_000;

    /// <summary>Rough operation budget of one inspection (a construction inspects twice; about a second each).</summary>
    public const double MaxWork = 3e8;

    private const double PivotTolerance = 1e-12;

    /// <summary>Estimated operations: lines * (elimination + crossing every hyperplane and sorting).</summary>
    public static double Work(int hyperplanes, int dimension) =>
        (double)RegionCounting.Binomial(hyperplanes, dimension - 1) * ((double)dimension * dimension * dimension + hyperplanes * (dimension + 20.0));

    /// <summary>Null when an arrangement of this size can be inspected; otherwise a one-line reason.</summary>
    public static string? TooLarge(int hyperplanes, int dimension)
    {
        var vertices = RegionCounting.Binomial(hyperplanes, dimension);
        if (vertices > MaxVertices)
            return $"{hyperplanes} hyperplanes in dimension {dimension} have C({hyperplanes},{dimension}) = {vertices} vertices, more than the {MaxVertices} that can be verified";
        var work = Work(hyperplanes, dimension);
        if (work > MaxWork)
            return $"verifying {hyperplanes} hyperplanes in dimension {dimension} would take about {work:E1} operations, more than the limit of {MaxWork:E0}";
        return null;
    }

    public static ArrangementReport Inspect(IReadOnlyList<double[]> normals, IReadOnlyList<double> offsets, int dimension)
    {
        var n = normals.Count;
        if (n < dimension) throw new ArgumentException($"{n} hyperplanes cannot have vertices in dimension {dimension}");
        var lower = Enumerable.Repeat(double.PositiveInfinity, dimension).ToArray();
        var upper = Enumerable.Repeat(double.NegativeInfinity, dimension).ToArray();
        var minSeparation = double.PositiveInfinity;
        long vertices = 0;

        var line = new LineSolver(dimension);
        var subset = Enumerable.Range(0, dimension - 1).ToArray();
        var inSubset = new bool[n];
        var crossings = new double[n];
        var vertex = new double[dimension];
        while (true)
        {
            foreach (var t in subset) inSubset[t] = true;
            if (!line.Solve(normals, offsets, subset))
                return Fail($"hyperplanes {Describe(subset)} do not meet in a line", dimension);
            var last = subset.Length == 0 ? -1 : subset[^1];
            var count = 0;
            for (var u = 0; u < n; u++)
            {
                if (inSubset[u]) continue;
                var slope = Dot(normals[u], line.Direction);
                if (Math.Abs(slope) <= PivotTolerance * Norm(normals[u]))
                    return Fail($"hyperplane {u} is parallel to the line of hyperplanes {Describe(subset)}", dimension);
                var t = -(Dot(normals[u], line.Point) + offsets[u]) / slope;
                crossings[count++] = t;
                // Each vertex lies on d lines; count and measure it only from the line that omits its largest hyperplane.
                if (u < last) continue;
                vertices++;
                for (var i = 0; i < dimension; i++)
                {
                    vertex[i] = line.Point[i] + t * line.Direction[i];
                    lower[i] = Math.Min(lower[i], vertex[i]);
                    upper[i] = Math.Max(upper[i], vertex[i]);
                }
            }
            Array.Sort(crossings, 0, count);
            for (var k = 1; k < count; k++) minSeparation = Math.Min(minSeparation, crossings[k] - crossings[k - 1]);
            if (count > 1 && !(minSeparation > 0))
                return Fail($"more than {dimension} hyperplanes meet in one point on the line of hyperplanes {Describe(subset)}", dimension);
            foreach (var t in subset) inSubset[t] = false;
            if (!NextSubset(subset, n)) break;
        }
        return new ArrangementReport(null, vertices, lower, upper, minSeparation);
    }

    private static ArrangementReport Fail(string reason, int dimension) =>
        new(reason, 0, new double[dimension], new double[dimension], 0);

    private static string Describe(int[] subset) => subset.Length == 0 ? "{}" : "{" + string.Join(",", subset) + "}";

    private static bool NextSubset(int[] subset, int n)
    {
        var k = subset.Length;
        var i = k - 1;
        while (i >= 0 && subset[i] == n - k + i) i--;
        if (i < 0) return false;
        subset[i]++;
        for (var j = i + 1; j < k; j++) subset[j] = subset[j - 1] + 1;
        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    /// <summary>
    /// The line where d-1 hyperplanes meet, as a point and a unit direction, by Gaussian elimination with
    /// full pivoting: the column left without a pivot is the free direction.
    /// </summary>
    private sealed class LineSolver(int dimension)
    {
        private readonly double[][] matrix = Enumerable.Range(0, Math.Max(dimension - 1, 0)).Select(_ => new double[dimension + 1]).ToArray();
        private readonly int[] columns = new int[dimension];

        public double[] Point { get; } = new double[dimension];

        public double[] Direction { get; } = new double[dimension];

        public bool Solve(IReadOnlyList<double[]> normals, IReadOnlyList<double> offsets, int[] subset)
        {
            var rows = subset.Length;
            var scale = 0.0;
            for (var r = 0; r < rows; r++)
            {
                normals[subset[r]].CopyTo(matrix[r], 0);
                matrix[r][dimension] = -offsets[subset[r]];
                for (var c = 0; c < dimension; c++) scale = Math.Max(scale, Math.Abs(matrix[r][c]));
            }
            for (var c = 0; c < dimension; c++) columns[c] = c;

            for (var k = 0; k < rows; k++)
            {
                int pivotRow = k, pivotColumn = k;
                var best = -1.0;
                for (var r = k; r < rows; r++)
                {
                    for (var c = k; c < dimension; c++)
                    {
                        var value = Math.Abs(matrix[r][columns[c]]);
                        if (value > best) (best, pivotRow, pivotColumn) = (value, r, c);
                    }
                }
                if (!(best > PivotTolerance * scale)) return false;
                (matrix[k], matrix[pivotRow]) = (matrix[pivotRow], matrix[k]);
                (columns[k], columns[pivotColumn]) = (columns[pivotColumn], columns[k]);
                var pivot = matrix[k][columns[k]];
                for (var r = k + 1; r < rows; r++)
                {
                    var factor = matrix[r][columns[k]] / pivot;
                    if (factor == 0) continue;
                    for (var c = k; c < dimension; c++) matrix[r][columns[c]] -= factor * matrix[k][columns[c]];
                    matrix[r][dimension] -= factor * matrix[k][dimension];
                }
            }

            var free = columns[dimension - 1];
            Array.Clear(Direction);
            Array.Clear(Point);
            Direction[free] = 1;
            for (var k = rows - 1; k >= 0; k--)
            {
                double direction = -matrix[k][free], point = matrix[k][dimension];
                for (var j = k + 1; j < rows; j++)
                {
                    direction -= matrix[k][columns[j]] * Direction[columns[j]];
                    point -= matrix[k][columns[j]] * Point[columns[j]];
                }
                var pivot = matrix[k][columns[k]];
                Direction[columns[k]] = direction / pivot;
                Point[columns[k]] = point / pivot;
            }
            var length = Norm(Direction);
            for (var c = 0; c < dimension; c++) Direction[c] /= length;
            return true;
        }
    }
}
