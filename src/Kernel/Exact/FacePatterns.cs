using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Exact;

/// <summary>
/// The activation patterns realised on the lower-dimensional faces of one region's piece (its faces of every
/// dimension: vertices, edges, ..., facets), for counting every pattern realised on the domain (definition R1 of
/// Stargalla, Hertrich and Reichman). Every pre-activation is continuous, so on the closure of a region it is the
/// region's affine row: a face's pattern is each unit's state, by its kind's rule (z &gt; 0 is on, a value on a
/// breakpoint is a tie: relu off), on the face's relative interior. A unit is on a breakpoint along a face when it
/// is at every vertex of the face, within the engine's tolerance (<see cref="ExactTolerance"/>); off it, the face
/// takes the side of its vertices that are off (an affine function that is not zero on the whole face, and keeps
/// one sign on it, is zero at most on a proper face of it). A maxout group (max-pool too) ties the same way: its
/// pieces that are maximal along the whole face are the region's own and those whose gap to it is zero at every
/// vertex, and the lowest index among them wins, as everywhere. Where the tolerance cannot tell, the count stops
/// with a message, as the engine does, rather than guess.
/// </summary>
internal sealed class FacePatterns
{
    /// <summary>Breakpoints a kind may have (hardtanh has two).</summary>
    private const int MaxBreakpoints = 4;

    private readonly ExactSetup setup;
    private readonly bool firstLayerExact;
    private readonly int d;
    /// <summary>Per layer: its pre-activation rows on the region, and the squared sizes of their terms; then its outputs and theirs.</summary>
    private readonly double[][] rows, sizes, outputs, outputSizes;
    private readonly double[] embedding, embeddingSizes;

    public FacePatterns(ExactSetup setup)
    {
        this.setup = setup;
        d = setup.Slice.Dimension;
        firstLayerExact = setup.FirstLayerExact;
        var layers = setup.Network.Layers;
        rows = layers.Select(l => new double[l.Rows * (d + 1)]).ToArray();
        sizes = layers.Select(l => new double[l.Rows * (d + 1)]).ToArray();
        outputs = layers.Select(l => new double[l.Units * (d + 1)]).ToArray();
        outputSizes = layers.Select(l => new double[l.Units * (d + 1)]).ToArray();
        embedding = setup.Slice.Embedding();
        embeddingSizes = embedding.Select(x => x * x).ToArray();
    }

    /// <summary>
    /// Hands over the pattern of each face of the region with pattern <paramref name="pattern"/>, repeats included;
    /// a face is the indices of its vertices in <paramref name="piece"/>.
    /// </summary>
    public void Report(ulong[] pattern, ConvexPiece piece, IEnumerable<int[]> faces, Action<UInt128> found)
    {
        Compose(pattern);
        ClassifyVertices(pattern, piece);
        var facePattern = new ulong[pattern.Length];
        foreach (var face in faces)
        {
            Array.Clear(facePattern);
            States(face, pattern, piece.VertexCount, facePattern);
            found(Evaluation.Fingerprint.Of(facePattern));
        }
    }

    /// <summary>Every layer's pre-activation rows on the region of the pattern, composed as the engine composes them.</summary>
    private void Compose(ulong[] pattern)
    {
        var stride = d + 1;
        var network = setup.Network;
        var input = embedding;
        var inputSizes = embeddingSizes;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            AffineRows.PreActivations(layer, setup.Supports.Layers[l], input, d, rows[l]);
            AffineRows.PreActivations(setup.SquaredLayers[l], setup.Supports.Squared[l], inputSizes, d, sizes[l]);
            if (l == network.Layers.Count - 1) return;
            var output = outputs[l];
            var outputSize = outputSizes[l];
            var kind = layer.Kind();
            for (var u = 0; u < layer.ActivationUnits; u++)
            {
                var state = layer.IsPiecewise ? network.Layout.State(pattern, l, u) : 0;
                var row = kind.Row(u, layer.Rank, state) * stride;
                PieceRows.Write(kind, state, layer.SlopeOf(u), rows[l].AsSpan(row, stride), output.AsSpan(u * stride, stride));
                PieceRows.WriteSizes(kind, state, layer.SlopeOf(u), sizes[l].AsSpan(row, stride), outputSize.AsSpan(u * stride, stride));
            }
            // Carried rows are linear units: their outputs are their pre-activation rows, and their sizes those rows'.
            rows[l].AsSpan(layer.UnitRows * stride, layer.Carried * stride).CopyTo(output.AsSpan(layer.ActivationUnits * stride));
            sizes[l].AsSpan(layer.UnitRows * stride, layer.Carried * stride).CopyTo(outputSize.AsSpan(layer.ActivationUnits * stride));
            (input, inputSizes) = (output, outputSize);
        }
    }

    /// <summary>
    /// A side no face may read: double precision cannot tell where the vertex lies. It is an error only when a face
    /// needs it, as when each face classified its vertices itself (a group reads its lower pieces until one ties).
    /// </summary>
    private const sbyte Unknown = sbyte.MinValue;

    /// <summary>
    /// Per test, in the order <see cref="States"/> reads them, each vertex's side: a test is a unit's breakpoint
    /// (z - breakpoint), or for a group a piece i below the region's own s (row_i - row_s).
    /// </summary>
    private sbyte[] vertexSides = new sbyte[256];

    /// <summary>Every test at every vertex of the region, once: a vertex lies on many faces.</summary>
    private void ClassifyVertices(ulong[] regionPattern, ConvexPiece piece)
    {
        var stride = d + 1;
        var network = setup.Network;
        var n = piece.VertexCount;
        var tests = 0;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (layer.BitsPerUnit == 0) continue;
            var kind = layer.Kind();
            for (var u = 0; u < layer.ActivationUnits; u++) tests += kind.IsGroup ? network.Layout.State(regionPattern, l, u) : kind.Breakpoints.Length;
        }
        if (vertexSides.Length < tests * n) vertexSides = new sbyte[Math.Max(2 * vertexSides.Length, tests * n)];
        Span<double> gap = stackalloc double[stride];
        Span<double> gapSizes = stackalloc double[stride];
        var at = 0;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (layer.BitsPerUnit == 0) continue;
            var kind = layer.Kind();
            var rank = layer.Rank;
            for (var u = 0; u < layer.ActivationUnits; u++)
            {
                if (!kind.IsGroup)
                {
                    var row = rows[l].AsSpan(u * stride, stride);
                    var rowSizes = sizes[l].AsSpan(u * stride, stride);
                    foreach (var breakpoint in kind.Breakpoints) Classify(piece, row, rowSizes, breakpoint, l, vertexSides.AsSpan(n * at++, n));
                    continue;
                }
                var own = network.Layout.State(regionPattern, l, u);
                var ownRow = rows[l].AsSpan((u * rank + own) * stride, stride);
                var ownSizes = sizes[l].AsSpan((u * rank + own) * stride, stride);
                for (var i = 0; i < own; i++)
                {
                    var row = rows[l].AsSpan((u * rank + i) * stride, stride);
                    var rowSizes = sizes[l].AsSpan((u * rank + i) * stride, stride);
                    for (var c = 0; c < stride; c++)
                    {
                        gap[c] = row[c] - ownRow[c];
                        // (a + b)^2 <= 2 (a^2 + b^2): the bound the engine puts on the same gap.
                        gapSizes[c] = 2 * (rowSizes[c] + ownSizes[c]);
                    }
                    Classify(piece, gap, gapSizes, 0, l, vertexSides.AsSpan(n * at++, n));
                }
            }
        }
    }

    /// <summary>Writes every unit's state on the face into the pattern.</summary>
    private void States(int[] face, ulong[] regionPattern, int n, ulong[] facePattern)
    {
        var network = setup.Network;
        Span<sbyte> sides = stackalloc sbyte[MaxBreakpoints];
        var at = 0;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            if (layer.BitsPerUnit == 0) continue;
            var kind = layer.Kind();
            var breakpoints = kind.Breakpoints;
            var first = network.Layout.FirstSlot(l);
            for (var u = 0; u < layer.ActivationUnits; u++)
            {
                int state;
                if (kind.IsGroup)
                {
                    var own = network.Layout.State(regionPattern, l, u);
                    state = GroupState(face, n, at, own, l, u);
                    at += own;
                }
                else
                {
                    for (var b = 0; b < breakpoints.Length; b++) sides[b] = FaceSide(face, n, at++, l, u);
                    state = kind.State(new TieSide(breakpoints, sides[..breakpoints.Length]));
                }
                var (word, shift) = network.Layout.Slots[first + u];
                facePattern[word] |= (ulong)state << shift;
            }
        }
    }

    /// <summary>
    /// A group's state on the face: the lowest index among the pieces maximal along the whole face. The region's own
    /// piece s is maximal on the region's closure; a piece i &lt; s ties it along the face when row_i - row_s is zero at
    /// every vertex (the face's test <paramref name="firstTest"/> + i), and otherwise lies below it on the face's
    /// relative interior. Pieces after s cannot win a tie.
    /// </summary>
    private int GroupState(int[] face, int n, int firstTest, int own, int l, int unit)
    {
        for (var i = 0; i < own; i++)
        {
            var side = FaceSide(face, n, firstTest + i, l, unit);
            // Above the region's own piece at a corner of its region: the engine's tolerances disagree.
            if (side > 0) throw Undecidable(l, unit);
            if (side == 0) return i;
        }
        return own;
    }

    /// <summary>The side of a test on the face's relative interior: 0 when on it at every vertex.</summary>
    private sbyte FaceSide(int[] face, int n, int test, int l, int unit)
    {
        var tested = vertexSides.AsSpan(n * test, n);
        sbyte side = 0;
        foreach (var vertex in face)
        {
            var at = tested[vertex];
            if (at == Unknown) throw Undecidable(l, unit);
            if (at == 0) continue;
            // An edge between the two sides of a breakpoint would have been split by the engine: the tolerances disagree.
            if (side != 0 && side != at) throw Undecidable(l, unit);
            side = at;
        }
        return side;
    }

    /// <summary>
    /// The engine's vertex rule (<see cref="ExactTolerance"/>) at every vertex: on the breakpoint within the distance,
    /// strictly off beyond the undecided band and the rounding of the terms, <see cref="Unknown"/> in between.
    /// </summary>
    private void Classify(ConvexPiece piece, ReadOnlySpan<double> row, ReadOnlySpan<double> rowSizes, double breakpoint, int l, Span<sbyte> sides)
    {
        var tolerance = setup.Distance * AffineRows.GradientNorm(row);
        var roundingCounts = !(l == 0 && firstLayerExact);
        // The terms' sizes at a vertex need the roots of their squares: taken once per row, as the engine does.
        Span<double> roots = stackalloc double[roundingCounts ? rowSizes.Length : 0];
        if (roundingCounts) AffineRows.Roots(rowSizes, roots);
        for (var v = 0; v < sides.Length; v++)
        {
            var vertex = piece.Vertex(v);
            var f = AffineRows.At(row, vertex) - breakpoint;
            var size = Math.Abs(f);
            sides[v] = !double.IsFinite(f) || !double.IsFinite(tolerance) ? Unknown
                : size <= tolerance ? (sbyte)0
                : size <= ExactTolerance.Undecided * tolerance ? Unknown
                : roundingCounts && size <= ExactTolerance.Rounding * AffineRows.SizeAt(roots, vertex) ? Unknown
                : f > 0 ? (sbyte)1 : (sbyte)-1;
        }
    }

    private static InvalidRequestException Undecidable(int l, int unit) => new(
        $"layer {l + 1} unit {unit + 1}: double precision cannot tell whether a corner of a region lies on this unit's boundary, so no exact count of patterns is given: "
        + "count activation regions, or on a smaller box around the feature") { Code = RefusalCodes.Undecidable };

    /// <summary>A pre-activation on a face as its sides tell it: on a breakpoint it is neither above nor below (a tie).</summary>
    private readonly ref struct TieSide(ReadOnlySpan<double> breakpoints, ReadOnlySpan<sbyte> sides) : IBreakpointSide
    {
        private readonly ReadOnlySpan<double> breakpoints = breakpoints;
        private readonly ReadOnlySpan<sbyte> sides = sides;

        public bool Above(double breakpoint) => sides[breakpoints.IndexOf(breakpoint)] > 0;

        public bool Below(double breakpoint) => sides[breakpoints.IndexOf(breakpoint)] < 0;
    }
}
