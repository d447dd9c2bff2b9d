namespace Regions.Kernel.Statistics;

/// <summary>
/// The primal simplex method on a dense tableau for max c.x subject to A x &lt;= b, x &gt;= 0 with b &gt;= 0, so
/// the slack basis is a feasible start and no first phase is needed. Bland's rule (smallest index enters and
/// leaves) cannot cycle, which matters here: the problems it serves (inscribed balls) are highly degenerate.
/// Meant for the small problems of one region: a few variables, tens of constraints.
/// </summary>
internal static class DenseSimplex
{
    private const double Epsilon = 1e-12;

    /// <summary>The optimum value, or +infinity when the objective is unbounded.</summary>
    public static double Maximize(double[] c, double[][] a, double[] b)
    {
        int m = b.Length, n = c.Length, width = n + m + 1;
        // Rows 0..m-1: constraints with slacks; row m: the objective row (negated costs).
        var t = new double[m + 1, width];
        for (var i = 0; i < m; i++)
        {
            if (b[i] < 0) throw new ArgumentException("the slack basis must be feasible: b >= 0");
            for (var j = 0; j < n; j++) t[i, j] = a[i][j];
            t[i, n + i] = 1;
            t[i, width - 1] = b[i];
        }
        for (var j = 0; j < n; j++) t[m, j] = -c[j];
        var basis = new int[m];
        for (var i = 0; i < m; i++) basis[i] = n + i;
        while (true)
        {
            var entering = -1;
            for (var j = 0; j < n + m && entering < 0; j++) if (t[m, j] < -Epsilon) entering = j;
            if (entering < 0) return t[m, width - 1];
            var best = double.PositiveInfinity;
            for (var i = 0; i < m; i++) if (t[i, entering] > Epsilon) best = Math.Min(best, t[i, width - 1] / t[i, entering]);
            if (double.IsPositiveInfinity(best)) return double.PositiveInfinity;
            // Among the rows that tie for the smallest ratio, Bland's rule takes the smallest basic index.
            var leaving = -1;
            for (var i = 0; i < m; i++)
            {
                if (t[i, entering] > Epsilon && t[i, width - 1] / t[i, entering] <= best + Epsilon && (leaving < 0 || basis[i] < basis[leaving])) leaving = i;
            }
            Pivot(t, leaving, entering);
            basis[leaving] = entering;
        }
    }

    private static void Pivot(double[,] t, int row, int column)
    {
        int rows = t.GetLength(0), width = t.GetLength(1);
        var pivot = t[row, column];
        for (var j = 0; j < width; j++) t[row, j] /= pivot;
        for (var i = 0; i < rows; i++)
        {
            if (i == row || t[i, column] == 0) continue;
            var factor = t[i, column];
            for (var j = 0; j < width; j++) t[i, j] -= factor * t[row, j];
        }
    }
}
