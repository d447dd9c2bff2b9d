using System.Numerics;
using Regions.Kernel.Numerics;

namespace Regions.Theory.Constructions;

/// <summary>
/// A deep maxout network of L layers of width n0 &gt;= 2 and any rank k &gt;= 2 with exactly (2k)^{L-1} k^{n0}
/// activation regions on [-1,1]^{n0}, so at least Theorem 9's k^{L-1} k^{n0} (Montufar et al. 2014), also where the
/// appendix's fold by the 2 n0 signed unit vectors, and the coordinate-wise absolute values (k &lt;= 2^{n0}), do not
/// reach it. Every layer works in coordinates y in Q = [-1,1]^{n0}.
/// <para>
/// Fold layers (1..L-1). Let u_i be the k-th roots of unity, u_i = (cos 2 pi i/k, sin 2 pi i/k), and theta = pi/k.
/// Unit 0 is q(y) = max_i u_i . (y_0, y_1), unit 1 is q'(y) = max_j u'_j . (y_0, y_1) with u'_j = u_j rotated by
/// theta. Both are homogeneous, so their regions are cones at 0: q's k sectors of angle 2 theta around the u_i, and
/// q''s k sectors centred on q's sector boundaries. Together they cut the plane into the 2k half-sectors
/// H_p = {angle in (p theta, (p+1) theta)}, p = 0..2k-1, and H_p is one activation pattern (i, j) of the layer.
/// On H_0 the layer is F(r, a) = r (cos a, cos(a - theta)); on any H_p it is F_0 composed with the symmetry of the
/// regular 2k-gon taking H_p onto H_0 (a rotation by a multiple of 2 theta, or a reflection), possibly followed by
/// swapping the two outputs (the reflections exchange the roles of u and u'). So every H_p is mapped bijectively
/// onto the same cone C = {q &gt; cos(theta) q', q' &gt; cos(theta) q}, up to the swap that maps C onto itself.
/// Take the box B = (m, m) + [-h, h]^2 centred on C's axis, m = rho cos(theta/2) (the image of the point at radius
/// rho on H_0's bisector), h = m tan^2(theta/2) / 2 (half of the largest box at m inside C, whose sides reach
/// C's edges at h = m tan^2(theta/2)). B is swap-symmetric, so each H_p holds exactly one preimage of B, inside the
/// disc of radius 1 and so inside Q; these 2k preimages are disjoint and have different layer patterns.
/// The next layer reads y' = ((q - m)/h, (q' - m)/h, y_2, ...), so B is its Q again. Units 2..n0-1 pass their
/// coordinate on: max(y_j, -2, ..., -2) = y_j on Q (the constant pieces never win, so they never tie).
/// </para>
/// <para>
/// Last layer. Unit j is a convex function of y_j with k pieces, breakpoints -1 + 2t/k, nonzero increasing slopes:
/// k^{n0} boxes in Q, each its own pattern.
/// </para>
/// <para>
/// Count. By induction from the last layer, every activation region of layers l+1..L inside their Q pulls back
/// into 2k disjoint copies inside layer l's Q with different patterns, so [-1,1]^{n0} holds (2k)^{L-1} copies of
/// the k^{n0} grid, (2k)^{L-1} k^{n0} different patterns. No input anywhere has another pattern: a fold layer
/// realizes only the 2k half-sector patterns (units 2.. never change state while y_j &gt;= -2, as on Q), the last
/// layer only the k^{n0} grid patterns. A maxout pattern fixes every layer's affine map, so its inputs form a convex set, one region. Hence the
/// domain holds exactly (2k)^{L-1} k^{n0} activation regions (for n0 = 2 all of R^2 does): 2^{L-1} times Theorem 9.
/// Linear regions: two adjacent regions differ in one layer's pattern. In the last layer the output gradient changes
/// by w_j (a_t - a_{t-1}) times a row of an invertible Jacobian, never 0. In a fold layer one unit changes piece and
/// the gradient changes by g_0 (u_i - u_i') (or g_1 (u'_j - u'_j')), g the gradient of the later layers in (q, q'),
/// times the invertible Jacobian of the earlier layers; g's components vanish only for output weights on a
/// measure-zero set, so linear regions equal activation regions. That is what the meta states; the tests count
/// both exactly for the seeded random weights and find them equal.
/// </para>
/// </summary>
internal static class RotationMaxoutConstruction
{
    public const string Name = "maxout-rotation";

    /// <summary>Radius on the bisector of H_0 where the box B sits; B's corners stay well inside the unit disc.</summary>
    private const double Rho = 0.6;

    public static Network Build(ConstructionRequest request) => Build(request, Name);

    /// <summary>Also built under the name <see cref="MaxoutConstruction.Name"/> where the fold by absolute values falls short.</summary>
    public static Network Build(ConstructionRequest request, string name)
    {
        request.RequireValidShape(name);
        var n0 = request.Inputs;
        if (n0 < 2) throw new InvalidRequestException("inputs", $"{name} rotates in the plane of the first two inputs and needs n0 >= 2, got {n0}");
        var widths = request.RequireWidths(name, $"L maxout layers, each of width n0 = {n0}");
        if (widths.Any(w => w != n0))
            throw new InvalidRequestException($"{name} needs every hidden layer to have width n0 = {n0}; got {string.Join(",", widths)}");
        if (request.Rank is not { } k) throw new InvalidRequestException("rank", $"{name} needs a rank K >= 2");
        var depth = widths.Count;
        ConstructionLimits.RequireParameters(name, n0, widths, k);
        var (center, half) = SubBox(k);
        // Each fold layer multiplies the rounding so far by 1/h and adds a few units in the last place.
        var error = 0.0;
        for (var l = 0; l < depth - 1; l++) error = (error + 4 * Math.Pow(2, -52)) / half;
        if (ConstructionLimits.ResolutionFactor * error > 1.0 / k)
            throw new InvalidRequestException($"{name}: each layer magnifies rounding by {1 / half:G3}, to about {error:G2} after {depth - 1} folds, too coarse for last-layer pieces 2/{k} wide; use fewer layers or a smaller rank");

        var layers = new List<Layer>();
        var readout = CoordinateReadout.Identity(n0);
        var scale = Enumerable.Range(0, n0).Select(i => i < 2 ? 1 / half : 1.0).ToArray();
        var shift = Enumerable.Range(0, n0).Select(i => i < 2 ? -center / half : 0.0).ToArray();
        for (var l = 0; l < depth - 1; l++)
        {
            layers.Add(LayerAssembly.Build(Activation.Maxout, readout, RotationRows(n0, k), k));
            readout = CoordinateReadout.PerColumn(scale, shift);
        }
        layers.Add(LayerAssembly.Build(Activation.Maxout, readout, GridRows(n0, k), k));
        var random = DeterministicRandom.ForStream(request.Seed, 4);
        // Nonzero output weights keep the k^{n0} cells of a copy apart as functions; random magnitudes and signs keep them generic.
        layers.Add(LayerAssembly.Output(Enumerable.Range(0, n0).Select(_ => (1 + random.NextDouble()) * (random.NextDouble() < 0.5 ? -1 : 1)).ToArray()));

        var copies = BigInteger.Pow(2 * k, depth - 1);
        var grid = BigInteger.Pow(k, n0);
        var theorem = BigInteger.Pow(k, depth - 1 + n0);
        var meta = new ConstructionMeta
        {
            Construction = name,
            Formula = "(2k)^{L-1} * k^{n0} (this construction: 2k half-sectors per fold layer, a k^{n0} grid at the end); Theorem 9 states k^{L-1} * k^{n0}",
            Citation = "Montufar, Pascanu, Cho, Bengio (2014), 'On the number of linear regions of deep neural networks', Theorem 9 "
                + "(its bound, reached here for every k by folding the plane with the k-th roots of unity instead of the signed unit vectors)",
            ActivationRegions = copies * grid,
            LinearRegions = copies * grid,
            LinearRegionsNote = "equal to the activation regions: crossing a last-layer breakpoint changes the output gradient by a nonzero slope step through an "
                + "invertible map, and crossing a half-sector boundary changes it by the later layers' gradient component times u_i - u_i', nonzero for generic output weights",
            Domain = Box.Cube(n0, -1, 1),
            Seed = request.Seed,
            Details =
            {
                ["copiesPerLayer"] = 2 * k,
                ["gridRegions"] = ConstructionMeta.Count(grid),
                ["foldAngle"] = Math.PI / k,
                ["subBoxCenter"] = center,
                ["subBoxHalfWidth"] = half,
                ["theorem9Bound"] = ConstructionMeta.Count(theorem),
                ["theorem9Applies"] = true,
                ["theorem9Note"] = $"the {copies} copies of the last layer's k^n0 grid hold all {copies * grid} activation regions, at least the theorem's {theorem} = k^(L-1) k^n0",
            },
        };
        return new Network(n0, layers, $"{name}-{n0}x{depth}-rank{k}", meta.ToJson());
    }

    /// <summary>(m, h) of the box B = (m, m) + [-h, h]^2 inside the cone C that every half-sector maps onto.</summary>
    internal static (double Center, double Half) SubBox(int k)
    {
        var halfAngle = Math.PI / (2 * k);
        var center = Rho * Math.Cos(halfAngle);
        var tan = Math.Tan(halfAngle);
        return (center, center * tan * tan / 2);
    }

    /// <summary>The direction of piece i of unit 0 (offset 0) or unit 1 (offset 1): angle (2 i + offset) pi / k.</summary>
    internal static (double X, double Y) Direction(int k, int i, int offset)
    {
        var angle = (2 * i + offset) * Math.PI / k;
        return (Math.Cos(angle), Math.Sin(angle));
    }

    private static AffineRow[] RotationRows(int n0, int k)
    {
        var rows = new List<AffineRow>();
        for (var unit = 0; unit < n0; unit++)
        {
            for (var i = 0; i < k; i++)
            {
                var normal = new double[n0];
                var bias = 0.0;
                if (unit < 2) (normal[0], normal[1]) = Direction(k, i, unit);
                else if (i == 0) normal[unit] = 1;
                else bias = -2;   // below y_unit >= -1: never wins
                rows.Add(new AffineRow(normal, bias));
            }
        }
        return rows.ToArray();
    }

    /// <summary>
    /// Unit j: rows a_t y_j + c_t, slopes a_t = t - (k-1)/2 + 1/4 (rising by 1, never zero), breakpoint between rows
    /// t-1 and t at b_t = -1 + 2t/k, so continuity there gives c_t = c_{t-1} - b_t.
    /// </summary>
    private static AffineRow[] GridRows(int n0, int k)
    {
        var rows = new List<AffineRow>();
        for (var j = 0; j < n0; j++)
        {
            var intercept = 0.0;
            for (var t = 0; t < k; t++)
            {
                if (t > 0) intercept -= -1 + 2.0 * t / k;
                rows.Add(new AffineRow(LayerAssembly.UnitVector(n0, j, t - (k - 1) / 2.0 + 0.25), intercept));
            }
        }
        return rows.ToArray();
    }
}
