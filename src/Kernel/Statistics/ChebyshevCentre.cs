namespace Regions.Kernel.Statistics;

/// <summary>
/// The largest ball inside a bounded polytope {x : n_i . x &lt;= b_i} (unit normals): max r subject to
/// n_i . x + r &lt;= b_i, a linear program in d + 1 variables. Solved around a point inside, x = p + y+ - y-,
/// so every right-hand side b_i - n_i . p is non-negative and the slack basis is feasible.
/// </summary>
internal static class ChebyshevCentre
{
    public static double Radius(IReadOnlyList<HalfSpace> facets, ReadOnlySpan<double> inside)
    {
        var d = inside.Length;
        var a = new double[facets.Count][];
        var b = new double[facets.Count];
        for (var i = 0; i < facets.Count; i++)
        {
            var (normal, offset) = facets[i];
            a[i] = new double[2 * d + 1];
            var slack = offset;
            for (var k = 0; k < d; k++)
            {
                a[i][k] = normal[k];
                a[i][d + k] = -normal[k];
                slack -= normal[k] * inside[k];
            }
            a[i][2 * d] = 1;
            // A centroid on a facet within rounding: the ball may still grow away from it.
            b[i] = Math.Max(slack, 0);
        }
        var c = new double[2 * d + 1];
        c[2 * d] = 1;
        return DenseSimplex.Maximize(c, a, b);
    }
}
