using Regions.Kernel.Evaluation;

namespace Regions.Kernel.Statistics;

/// <summary>
/// Whether the decision boundary crosses a region: one output's zero set (the sign is the decision), or with
/// several outputs where the argmax changes (for two, the zero set of their difference). On a convex region
/// each class's set is convex, so the decision is constant on the region exactly when it is at every vertex;
/// the boundary crosses when two vertices are decided differently. A vertex within rounding of a tie
/// (1e-9 of the outputs' size) decides nothing, so a boundary that only touches a region does not count.
/// This is the map's rule (src/Drawing/ZeroSet.cs: a segment when vertex signs differ) with ties left out.
/// </summary>
public static class DecisionBoundary
{
    public static bool Crosses(IReadOnlyList<double[]> vertices, IReadOnlyList<AffineMap> outputs)
    {
        var values = vertices.Select(v => outputs.Select(map => map.At(v)).ToArray()).ToArray();
        var scale = values.SelectMany(v => v).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var tie = 1e-9 * scale;
        var first = -1;
        foreach (var v in values)
        {
            var decision = Decide(v, tie);
            if (decision < 0) continue;
            if (first < 0) first = decision;
            else if (decision != first) return true;
        }
        return false;
    }

    /// <summary>The class at one point (1 or 0 for one output's sign, else the argmax), or -1 for a tie.</summary>
    private static int Decide(double[] values, double tie)
    {
        if (values.Length == 1) return values[0] > tie ? 1 : values[0] < -tie ? 0 : -1;
        int best = 0;
        for (var o = 1; o < values.Length; o++) if (values[o] > values[best]) best = o;
        for (var o = 0; o < values.Length; o++) if (o != best && values[best] - values[o] <= tie) return -1;
        return best;
    }
}
