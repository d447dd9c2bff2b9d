namespace Regions.Theory.Constructions;

/// <summary>A bounded-core arrangement before it is fitted to the cube.</summary>
/// <param name="Normals">Oriented normals: unit u is on where <c>Normals[u] . z + Offsets[u] &gt; 0</c>.</param>
/// <param name="AxisUnits">AxisUnits[i] is the one unit whose normal is negative in column i; every other normal is positive there.</param>
/// <param name="Witness">A point where every unit is on (inside the bounded all-on region).</param>
internal sealed record BoundedCoreDesign(double[][] Normals, double[] Offsets, int[] AxisUnits, double[] Witness);

/// <summary>
/// Deterministic arrangements of n &gt;= d+1 hyperplanes in general position in R^d with the sign pattern the
/// bounded-core proof needs (see <see cref="CubeArrangement"/>) and a bounded region where every unit is on.
/// </summary>
internal static class BoundedCoreDesigns
{
    public static BoundedCoreDesign Design(int d, int n) => d switch
    {
        1 => Points(n),
        2 => Tangents(n),
        _ => Cyclic(d, n),
    };

    /// <summary>d = 1: n-1 evenly spaced points where a unit switches on to the right, then one more to whose left a unit is on.</summary>
    private static BoundedCoreDesign Points(int n)
    {
        var normals = new double[n][];
        var offsets = new double[n];
        for (var u = 0; u < n; u++)
        {
            var t = -1 + 2.0 * u / (n - 1);
            normals[u] = [u == n - 1 ? -1.0 : 1.0];
            offsets[u] = u == n - 1 ? t : -t;
        }
        return new BoundedCoreDesign(normals, offsets, [n - 1], [1 - 1.0 / (n - 1)]);
    }

    /// <summary>
    /// d = 2: lines tangent to the unit circle, every unit on at the centre. Tangents with distinct directions are in
    /// general position (a point outside a circle lies on only two tangents). Axis unit i points along -e_i, tilted
    /// 0.3 towards the other axis; the others point within 15 degrees of the diagonal, far from antiparallel to the
    /// axis units, so that no two lines meet far away.
    /// </summary>
    private static BoundedCoreDesign Tangents(int n)
    {
        var normals = new double[n][];
        normals[0] = Normalize([-1, 0.3]);
        normals[1] = Normalize([0.3, -1]);
        var others = n - 2;
        for (var u = 2; u < n; u++)
        {
            var angle = Math.PI / 4 + (others == 1 ? 0 : (-1 + 2.0 * (u - 2) / (others - 1)) * Math.PI / 12);
            normals[u] = [Math.Cos(angle), Math.Sin(angle)];
        }
        return new BoundedCoreDesign(normals, Enumerable.Repeat(1.0, n).ToArray(), [0, 1], [0, 0]);
    }

    /// <summary>
    /// d &gt;= 3: an affine image of the cyclic arrangement. Hyperplane u is <c>{y : sum_i p_i(t_u) y_i + q(t_u) = 0}</c>
    /// for a parameter t_u, where p_1..p_d are a basis of polynomials of degree &lt;= d-1 and q has degree d. A point y
    /// lies on the hyperplanes of t_1..t_k exactly when the degree-d polynomial r_y = sum_i p_i y_i + q vanishes there,
    /// so no d+1 hyperplanes meet (r_y has at most d roots), any d meet in one point (r_y is then determined), and the
    /// vertices depend continuously on parameters in a compact interval: they stay bounded however close two
    /// parameters are, unlike random normals, where near-dependent triples send vertices far away.
    /// <para>
    /// Parameters: the d axis units and one block of the n-d other units take slots 0..d in order, the block at
    /// slot a = d/2 (see <see cref="CyclicLayout"/>). Orientation: unit u is on where sigma_u r_y(t_u) &gt; 0, with
    /// sigma = + on the block and alternating away from it, d sign changes in all: the polynomials with those signs
    /// have one root in every gap, so the all-on region is bounded. Column i is p_i, chosen to agree with sigma everywhere except at axis unit i: it has a root in
    /// every gap but the two beside axis unit i (degree d-1), each placed close to an axis unit so that p_i is small
    /// at every axis unit but its own (the tilt of the d = 2 design).
    /// </para>
    /// </summary>
    private static BoundedCoreDesign Cyclic(int d, int n)
    {
        var a = d / 2;
        var layout = new CyclicLayout(d, n - d);
        double Sign(int slot) => Math.Abs(slot - a) % 2 == 0 ? 1 : -1;
        var axisSlots = Enumerable.Range(0, d + 1).Where(k => k != a).ToArray();

        var columns = new double[d][];
        for (var i = 0; i < d; i++)
        {
            var own = axisSlots[i];
            var roots = new List<double>();
            // Every other axis slot gets a root beside it: towards the block if the block is on its side of the own
            // slot, else away from the own slot (the outermost slot's root then lies outside all parameters).
            for (var k = 0; k <= d; k++)
            {
                if (k == a || k == own) continue;
                var blockOnThisSide = k < own ? a < own : a > own;
                var towardsRight = blockOnThisSide ? k < a : k > own;
                roots.Add(layout.Beside(k, towardsRight));
            }
            var p = Polynomial.FromRoots(roots);
            // Positive on the block; scaled to size one at its own axis unit.
            var scale = Math.Sign(Polynomial.Evaluate(p, layout.BlockCentre)) / Math.Abs(Polynomial.Evaluate(p, layout.Position(own)));
            columns[i] = p.Select(c => c * scale).ToArray();
        }
        // r_y has the sign of its leading coefficient right of every root, at the last slot.
        var lead = Sign(d);
        var q = new double[d + 1];
        q[d] = lead;

        var parameters = axisSlots.Select(k => (Position: layout.Position(k), Sign: Sign(k)))
            .Concat(layout.Block.Select(t => (Position: t, Sign: 1.0)))
            .ToArray();
        var normals = new double[n][];
        var offsets = new double[n];
        for (var u = 0; u < n; u++)
        {
            var t = parameters[u].Position;
            normals[u] = columns.Select(p => parameters[u].Sign * Polynomial.Evaluate(p, t)).ToArray();
            offsets[u] = parameters[u].Sign * Polynomial.Evaluate(q, t);
        }

        // Witness: the y with r_y = lead * prod (s - m_k), one root m_k in the middle of every gap between slots.
        var r = Polynomial.FromRoots(Enumerable.Range(0, d).Select(layout.GapMiddle)).Select(c => lead * c).ToArray();
        var system = new double[d, d + 1];
        for (var k = 0; k < d; k++)
        {
            for (var i = 0; i < d; i++) system[k, i] = columns[i][k];
            system[k, d] = r[k] - q[k];
        }
        var witness = CubeArrangement.SolveSmall(system, d)
            ?? throw new InvalidOperationException("cyclic design: the column polynomials are not a basis");
        // Rescale every coordinate so that its largest normal entry is 1: the columns' sizes differ by orders of
        // magnitude in higher dimensions, and the vertex computation is better conditioned on balanced columns.
        for (var i = 0; i < d; i++)
        {
            var largest = normals.Max(w => Math.Abs(w[i]));
            foreach (var w in normals) w[i] /= largest;
            witness[i] *= largest;
        }
        return new BoundedCoreDesign(normals, offsets, Enumerable.Range(0, d).ToArray(), witness);
    }

    /// <summary>
    /// Where the cyclic design's parameters lie in [-1, 1]: slots 0..d in order, the block at slot d/2 spread over the
    /// wide middle [-0.5, 0.5] (products of parameter differences set how thin the arrangement is, so the many block
    /// units get the room), the axis units packed into [-1, -0.55] and [0.55, 1].
    /// </summary>
    private sealed class CyclicLayout
    {
        private const double Packed = 0.45, Clearance = 0.05, Nearby = 0.1;
        private readonly int d;
        private readonly int a;

        public CyclicLayout(int d, int blockCount)
        {
            this.d = d;
            a = d / 2;
            var (lower, upper) = (-1 + Packed + Clearance, 1 - Packed - Clearance);
            Block = Enumerable.Range(0, blockCount).Select(j => lower + (upper - lower) * (j + 0.5) / blockCount).ToArray();
            BlockLower = lower;
            BlockUpper = upper;
        }

        public double[] Block { get; }

        public double BlockLower { get; }

        public double BlockUpper { get; }

        public double BlockCentre => 0.5 * (BlockLower + BlockUpper);

        public double Position(int slot) => slot < a
            ? -1 + Packed * (a == 1 ? 0 : (double)slot / (a - 1))
            : 1 - Packed * (d - a == 1 ? 0 : (double)(d - slot) / (d - a - 1));

        /// <summary>A root just beside an axis slot, a tenth of the way to its neighbour on that side (or outside).</summary>
        public double Beside(int slot, bool towardsRight)
        {
            var here = Position(slot);
            double neighbour;
            if (towardsRight) neighbour = slot == d ? here + (here - Edge(slot - 1, right: true)) : Edge(slot + 1, right: false);
            else neighbour = slot == 0 ? here - (Edge(slot + 1, right: false) - here) : Edge(slot - 1, right: true);
            return here + Nearby * (neighbour - here);
        }

        /// <summary>The middle of the gap between slot k and slot k+1.</summary>
        public double GapMiddle(int k) => 0.5 * (Edge(k, right: true) + Edge(k + 1, right: false));

        private double Edge(int slot, bool right) => slot == a ? (right ? BlockUpper : BlockLower) : Position(slot);
    }

    private static double[] Normalize(double[] v)
    {
        var length = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / length).ToArray();
    }

    /// <summary>Polynomials as coefficient arrays, lowest degree first.</summary>
    private static class Polynomial
    {
        public static double[] FromRoots(IEnumerable<double> roots)
        {
            var p = new List<double> { 1 };
            foreach (var root in roots)
            {
                // (p)(s - root): shift up one degree, subtract root * p.
                var next = new double[p.Count + 1];
                for (var k = 0; k < p.Count; k++)
                {
                    next[k + 1] += p[k];
                    next[k] -= root * p[k];
                }
                p = [.. next];
            }
            return [.. p];
        }

        public static double Evaluate(double[] p, double s)
        {
            var value = 0.0;
            for (var k = p.Length - 1; k >= 0; k--) value = value * s + p[k];
            return value;
        }
    }
}
