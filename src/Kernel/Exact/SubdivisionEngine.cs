using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Exact;

/// <summary>
/// Subdivides a convex piece of the parameter space P layer by layer: each layer's pre-activations are
/// affine on a piece of the previous layer, so the piece splits along each unit's zero set (relu, leaky,
/// abs), its two breakpoints (hardtanh) or its argmax cells (maxout); each resulting piece has one state per
/// unit, which fixes the next layer's inputs as affine functions. The leaves are the activation regions
/// met by the root piece, each with its pattern and affine output map. See <see cref="ExactTolerance"/>.
/// <para>
/// The walk is depth-first with an explicit stack of one frame per layer, so network depth costs heap, not
/// call stack: a frame holds the layer's pieces of the current parent piece and the next one to descend into.
/// </para>
/// </summary>
internal sealed partial class SubdivisionEngine
{
    /// <summary>
    /// What the engine reports for each region: the piece, its packed pattern, its output maps (rows over P),
    /// the size of the terms those maps were summed from (null unless <see cref="TrackMagnitudes"/>), and a
    /// point inside. Arrays are valid during the call only: copy to keep.
    /// </summary>
    public delegate void RegionVisitor(ConvexPiece piece, ulong[] pattern, double[] outputs, double[]? magnitudes, double[] centroid);

    private readonly Network network;
    private readonly int d;
    private readonly double[] embedding;
    /// <summary>Squared sizes of the embedding's terms (sizes travel squared: then they update like the maps, column by column).</summary>
    private readonly double[] embeddingSizes;
    private readonly IReadOnlyList<Layer> squaredLayers;
    /// <summary>Each layer's nonzero weights, and its squared layer's, for composing rows sparsely.</summary>
    private readonly IReadOnlyList<LayerSupport> supports;
    private readonly IReadOnlyList<LayerSupport> squaredSupports;

    /// <summary>
    /// Whether the first layer's rows over P are its weights and biases themselves (P is the input space): then
    /// they, and the gap between two maxout rows, carry no rounding, and a gap far below the terms' size (maxout
    /// pieces one ulp apart) is a real hyperplane, not noise.
    /// </summary>
    private readonly bool firstLayerExact;

    internal static bool IsIdentity(double[] embedding, int d, int inputs)
    {
        if (d != inputs) return false;
        for (var i = 0; i < inputs; i++)
            for (var c = 0; c <= d; c++)
                if (embedding[i * (d + 1) + c] != (c == i ? 1 : 0)) return false;
        return true;
    }
    private readonly double[]? normal;
    private double distance;
    private int nextConstraint;
    private double[] values = new double[16];
    private sbyte[] sides = new sbyte[16];

    /// <param name="network">Rescaled by <see cref="UnitScaling"/>: tolerances assume rows of unit size.</param>
    /// <param name="embedding">The network input as affine rows over P: x_i = row i (n0 rows of d + 1).</param>
    /// <param name="normal">For refining a facet: the outward normal in P; values on a hyperplane take the side it points to.</param>
    /// <param name="squaredLayers">The network's layers squared (<see cref="AffineRows.Squared"/>), made once per job.</param>
    /// <param name="supports">The nonzero weights of the network's layers (<see cref="LayerSupport"/>), then of the squared layers, made once per job.</param>
    public SubdivisionEngine(Network network, IReadOnlyList<Layer> squaredLayers, (IReadOnlyList<LayerSupport> Layers, IReadOnlyList<LayerSupport> Squared) supports, int dimension, double[] embedding, double[]? normal = null)
    {
        (this.supports, squaredSupports) = supports;
        this.network = network;
        d = dimension;
        this.embedding = embedding;
        embeddingSizes = embedding.Select(x => x * x).ToArray();
        this.squaredLayers = squaredLayers;
        firstLayerExact = IsIdentity(embedding, dimension, network.Inputs);
        this.normal = normal;
    }

    public int Dimension => d;

    public double[] Embedding => embedding;

    /// <summary>Whether regions are reported with the magnitudes of their output maps (for comparing maps).</summary>
    public bool TrackMagnitudes { get; init; }

    /// <param name="distance">How far from a unit-gradient hyperplane, in P, a vertex counts as on it (<see cref="ExactTolerance.Distance"/>).</param>
    /// <param name="firstConstraint">First id for splitting hyperplanes (ids below are the root's own faces).</param>
    /// <param name="maps">
    /// Whether the visitor reads the output maps. Without them the walk ends at the last piecewise layer: the
    /// linear layers after it split nothing and add nothing to the pattern, and its own outputs feed only them.
    /// </param>
    public void Run(ConvexPiece root, double distance, int firstConstraint, RegionVisitor visit, CancellationToken cancel, bool maps = true)
    {
        var top = Begin(distance, firstConstraint);
        Split(top, 0, root);
        Walk(top.Pieces, 0, top.Pieces.Count, visit, cancel, maps);
    }

    /// <summary>Readies a run: the tolerance, the first constraint id, and the first layer's pre-activations over P.</summary>
    private Frame Begin(double distance, int firstConstraint)
    {
        this.distance = distance;
        nextConstraint = firstConstraint;
        var layers = network.Layers;
        var top = Frames()[0];
        AffineRows.PreActivations(layers[0], supports[0], embedding, d, top.Z);
        AffineRows.PreActivations(squaredLayers[0], squaredSupports[0], embeddingSizes, d, top.ZSizes);
        Array.Clear(top.Parent);
        return top;
    }

    /// <summary>
    /// Walks the first layer's pieces[from .. to) and everything below them, depth first, visiting each region. The
    /// layers below start from full sums (stale), as at a run's start: the sums a walk arriving there would hold.
    /// </summary>
    private void Walk(List<ConvexPiece> pieces, int from, int to, RegionVisitor visit, CancellationToken cancel, bool maps)
    {
        var layers = network.Layers;
        var leaf = layers.Count - 1;
        if (!maps)
        {
            while (leaf > 0 && !layers[leaf].IsPiecewise) leaf--;
        }
        var frames = Frames();
        foreach (var f in frames.AsSpan(1)) f.Stale = true;
        frames[0].Next = from;
        var l = 0;
        while (l >= 0)
        {
            var frame = frames[l];
            var layerPieces = l == 0 ? pieces : frame.Pieces;
            if (frame.Next == (l == 0 ? to : layerPieces.Count))
            {
                l--;
                continue;
            }
            cancel.ThrowIfCancellationRequested();
            var index = frame.Next++;
            var piece = layerPieces[index];
            piece.Center(frame.Point);
            frame.Parent.CopyTo(frame.Pattern, 0);
            (frame.Before, frame.Current) = (frame.Current, frame.Before);
            (frame.SizesBefore, frame.SizesCurrent) = (frame.SizesCurrent, frame.SizesBefore);
            if (l == leaf && !maps)
            {
                Activate(layers[l], l, frame.Z, frame.Point, frame.Pattern, frame.Current, frame.States, rows: false);
                visit(piece, frame.Pattern, [], null, frame.Point);
                continue;
            }
            Activate(layers[l], l, frame.Z, frame.Point, frame.Pattern, frame.Current, frame.States, rows: true);
            OutputSizes(layers[l], frame);
            if (l == leaf)
            {
                Visit(frame, piece, visit);
                continue;
            }
            // Pieces met one after another at a depth differ in few units, so the next layer's pre-activations are
            // brought up to date from the previous piece's rather than summed afresh. A local layer (convolution,
            // pooling) sums again only the rows that read a changed unit: the full sums, bit for bit, so this holds
            // across parents too (the last child of one parent and the first of the next). A dense layer, where
            // every row reads every unit, adds W (h - previous) instead, between siblings, with a full sum at each
            // parent's first piece and every so often to bound the drift; maps to be compared are always summed in
            // full there, as an update leaves residues the term sizes do not account for.
            var child = frames[l + 1];
            var local = supports[l + 1].IsLocal && squaredSupports[l + 1].IsLocal;
            if (child.Stale || (!local && (TrackMagnitudes || index % RecomputeEvery == 0)))
            {
                AffineRows.PreActivations(layers[l + 1], supports[l + 1], frame.Current, d, child.Z);
                AffineRows.PreActivations(squaredLayers[l + 1], squaredSupports[l + 1], frame.SizesCurrent, d, child.ZSizes);
                child.Stale = false;
            }
            else if (local)
            {
                AffineRows.Refresh(layers[l + 1], supports[l + 1], frame.Before, frame.Current, d, child.Z, child.Changed);
                AffineRows.Refresh(squaredLayers[l + 1], squaredSupports[l + 1], frame.SizesBefore, frame.SizesCurrent, d, child.ZSizes, child.Changed);
            }
            else
            {
                AffineRows.UpdatePreActivations(supports[l + 1], child.Z, frame.Before, frame.Current, d);
                AffineRows.UpdatePreActivations(squaredSupports[l + 1], child.ZSizes, frame.SizesBefore, frame.SizesCurrent, d);
            }
            frame.Pattern.CopyTo(child.Parent, 0);
            Split(child, l + 1, piece);
            l++;
        }
    }

    /// <summary>Runs the subdivision and hands over each region's pattern fingerprint only.</summary>
    public void RunFingerprints(ConvexPiece root, double distance, int firstConstraint, Action<UInt128> found, CancellationToken cancel)
    {
        Run(root, distance, firstConstraint, (_, pattern, _, _, _) => found(Evaluation.Fingerprint.Of(pattern)), cancel, maps: false);
    }

    /// <summary>
    /// The walk's state at one layer: its pre-activations on the parent piece, the pieces that parent splits
    /// into, and scratch reused by every piece at this depth (a piece's whole subtree is finished before its
    /// next sibling starts, so one set per depth suffices and the walk allocates little beyond the pieces).
    /// </summary>
    private sealed class Frame(Layer layer, int words, int d)
    {
        public List<ConvexPiece> Pieces = [];
        public List<ConvexPiece> Scratch = [];
        public int Next;
        /// <summary>This layer's pre-activations over the parent piece, written by the layer above.</summary>
        public readonly double[] Z = new double[layer.Rows * (d + 1)];
        /// <summary>Whether <see cref="Z"/> and <see cref="ZSizes"/> are not yet the sums over the layer above's last outputs.</summary>
        public bool Stale = true;
        /// <summary>Scratch for refreshing <see cref="Z"/> and <see cref="ZSizes"/>: the rows to sum again.</summary>
        public readonly ChangedRows Changed = new(layer.Rows);
        /// <summary>The parent piece's pattern (states of the layers before).</summary>
        public readonly ulong[] Parent = new ulong[words];
        public readonly ulong[] Pattern = new ulong[words];
        public readonly double[] Point = new double[d];
        /// <summary>Outputs on the current piece and on the one before it (for the incremental update).</summary>
        public double[] Current = new double[layer.Units * (d + 1)];
        public double[] Before = new double[layer.Units * (d + 1)];
        /// <summary>Each unit's state on the current piece.</summary>
        public readonly int[] States = new int[layer.Units];
        /// <summary>Squared sizes of the terms behind this layer's pre-activations over the parent piece, and its outputs on the current and previous piece: the scale of their rounding.</summary>
        public readonly double[] ZSizes = new double[layer.Rows * (d + 1)];
        public double[] SizesCurrent = new double[layer.Units * (d + 1)];
        public double[] SizesBefore = new double[layer.Units * (d + 1)];
    }

    private Frame[]? frames;

    private Frame[] Frames()
    {
        if (frames is null)
        {
            frames = new Frame[network.Layers.Count];
            for (var l = 0; l < frames.Length; l++) frames[l] = new Frame(network.Layers[l], network.Layout.Words, d);
        }
        return frames;
    }

    /// <summary>
    /// Splits the parent piece by every unit of the frame's layer; the frame then walks the result. Each piece is
    /// cut by the layer's units in order, as a tree: a cut's two sides go on with the units after it, and a unit
    /// decided over a piece's whole ball is dropped for everything cut from that piece (<see cref="DecidedOver"/>),
    /// so a unit is tested near where it crosses rather than on every piece of the layer. Every final piece has
    /// met the same cuts in the same order as when all pieces are cut by one unit after another, and the pieces
    /// come out in that order too (negative side first, maxout cells by index).
    /// </summary>
    private void Split(Frame frame, int l, ConvexPiece parent)
    {
        var layer = network.Layers[l];
        var pieces = frame.Pieces;
        var cut = frame.Scratch;
        pieces.Clear();
        frame.Next = 0;
        if (!layer.IsPiecewise)
        {
            pieces.Add(parent);
            return;
        }
        // Carried rows are linear units: they split nothing.
        var units = layer.ActivationUnits;
        RowNorms(layer, l, frame.Z);
        var candidates = Candidates(units);
        for (var u = 0; u < units; u++) candidates[u] = u;
        var open = openPieces;
        open.Clear();
        open.Push((parent, 0, units, units));
        while (open.TryPop(out var node))
        {
            var (piece, from, count, top) = node;
            // Every slice above this node's was made by a subtree already finished.
            candidates = Candidates(top + count);
            var kept = KeepUndecided(piece, layer, l, frame, candidates, from, count, top);
            var split = false;
            for (var i = top; i < kept && !split; i++)
            {
                cut.Clear();
                // A kept unit failed the ball test on this node's piece just now; on a piece it was cut down to, it was never tried.
                SplitUnit(piece, layer, l, frame.Z, frame.ZSizes, candidates[i], cut, ballUndecided: ReferenceEquals(piece, node.Piece));
                if (cut.Count == 1)
                {
                    piece = cut[0];
                    continue;
                }
                // The sides carry on with the units after this one; pushed last first, so they come out in order.
                for (var c = cut.Count - 1; c >= 0; c--) open.Push((cut[c], i + 1, kept - i - 1, kept));
                split = true;
            }
            // A piece split (or, never for a piece with interior, found empty) was replaced by what it became.
            if (split) continue;
            pieces.Add(piece);
            if (pieces.Count > MaxPiecesPerLayer)
                throw new InvalidRequestException("cells", $"one cell holds more than {MaxPiecesPerLayer:N0} pieces in layer {l + 1}: split the domain into more cells") { Code = RefusalCodes.OverBudget };
        }
    }

    private readonly Stack<(ConvexPiece Piece, int From, int Count, int Top)> openPieces = new();
    private int[] candidateUnits = new int[64];

    /// <summary>The stack of candidate units, grown to hold at least <paramref name="size"/> (its contents kept).</summary>
    private int[] Candidates(int size)
    {
        if (candidateUnits.Length < size) Array.Resize(ref candidateUnits, Math.Max(size, 2 * candidateUnits.Length));
        return candidateUnits;
    }

    private const int RecomputeEvery = 256;

    /// <summary>
    /// Whether the unit keeps one state over the whole ball of <paramref name="parent"/>, as <see cref="Decided"/>
    /// (every breakpoint) or <see cref="SingleCell"/> (maxout) tell it. Then it splits no piece cut from the parent:
    /// every vertex of such a piece lies in that ball, strictly on the decided side beyond the tolerance and the
    /// rounding, so the vertex test finds no split either, and the pieces, their order and the count are the same.
    /// </summary>
    private bool DecidedOver(ConvexPiece parent, Layer layer, int l, double[] z, ReadOnlySpan<double> sizes, int unit)
    {
        var stride = d + 1;
        var kind = layer.Kind();
        if (kind.IsGroup)
        {
            Span<double> difference = stackalloc double[stride];
            Span<double> differenceSizes = stackalloc double[stride];
            return SingleCell(parent, layer.Rank, z, sizes, l, unit, difference, differenceSizes);
        }
        var row = z.AsSpan(unit * stride, stride);
        var rowSizes = sizes.Slice(unit * stride, stride);
        foreach (var breakpoint in kind.Breakpoints)
        {
            if (!Decided(parent, row, rowSizes, Shift(breakpoint), l, out _)) return false;
        }
        return true;
    }

    /// <summary>
    /// The candidates[from .. from + count) that <see cref="DecidedOver"/> does not drop, moved down to candidates[top ..),
    /// their number plus top returned. A unit with one breakpoint (relu and its kin, most of every network) takes
    /// the same tests with the piece's ball and its row's norms fetched once per node rather than once per unit: the
    /// filter meets every candidate of every node, the engine's commonest step on a wide layer.
    /// </summary>
    private int KeepUndecided(ConvexPiece piece, Layer layer, int l, Frame frame, int[] candidates, int from, int count, int top)
    {
        var kept = top;
        var kind = layer.Kind();
        if (!OneBreakpoint(kind))
        {
            for (var i = from; i < from + count; i++)
            {
                if (!DecidedOver(piece, layer, l, frame.Z, frame.ZSizes, candidates[i])) candidates[kept++] = candidates[i];
            }
            return kept;
        }
        var stride = d + 1;
        var shift = Shift(kind.Breakpoints[0]);
        var (center, radius) = piece.Ball();
        var z = frame.Z;
        if (l == 0 && firstLayerExact)
        {
            // ExactlyDecided with no rounding noise (the rows are the weights): one product per unit. It decides
            // exactly when Decided does, as ClearlyDecided holds only where it holds.
            for (var i = from; i < from + count; i++)
            {
                var unit = candidates[i];
                var atCenter = AffineRows.At(z.AsSpan(unit * stride, stride), center) + shift;
                if (!ExactlyBeyond(atCenter, rowExactNorms[unit] * radius, rowExactUndecided[unit], 0)) candidates[kept++] = unit;
            }
            return kept;
        }
        var sizes = frame.ZSizes;
        for (var i = from; i < from + count; i++)
        {
            var unit = candidates[i];
            var row = z.AsSpan(unit * stride, stride);
            var rowSizes = sizes.AsSpan(unit * stride, stride);
            var atCenter = AffineRows.At(row, center) + shift;
            if (!ClearlyBeyond(atCenter, rowNorms[unit], rowUndecided[unit], center, radius, rowSizes, l) && !ExactlyDecided(piece, row, rowSizes, shift, l, out _))
                candidates[kept++] = unit;
        }
        return kept;
    }

    /// <summary>Whether a unit of the kind is one row against one breakpoint: what <see cref="KeepUndecided"/> screens with the rows' norms.</summary>
    private static bool OneBreakpoint(UnitKind kind) => !kind.IsGroup && kind.Breakpoints.Length == 1;

    private double[] rowNorms = new double[64];
    private double[] rowUndecided = new double[64];
    private double[] rowExactNorms = new double[64];
    private double[] rowExactUndecided = new double[64];

    /// <summary>
    /// Each unit row's sum of |gradient| and the undecided band it sets, as <see cref="ClearlyDecided"/> takes them,
    /// for one <see cref="Split"/>; on the exact first layer (split once per run) also |gradient| and its band as
    /// <see cref="ExactlyDecided"/> takes them, whose roots would cost more than they save on a layer split per piece.
    /// </summary>
    private void RowNorms(Layer layer, int l, double[] z)
    {
        if (!OneBreakpoint(layer.Kind())) return;
        var stride = d + 1;
        var units = layer.ActivationUnits;
        if (rowNorms.Length < units)
        {
            rowNorms = new double[units];
            rowUndecided = new double[units];
            rowExactNorms = new double[units];
            rowExactUndecided = new double[units];
        }
        var exact = l == 0 && firstLayerExact;
        for (var u = 0; u < units; u++)
        {
            var norm = 0.0;
            for (var i = 0; i < d; i++) norm += Math.Abs(z[u * stride + i]);
            rowNorms[u] = norm;
            rowUndecided[u] = ExactTolerance.Undecided * (distance * norm);
            if (!exact) continue;
            var exactNorm = AffineRows.GradientNorm(z.AsSpan(u * stride, stride));
            rowExactNorms[u] = exactNorm;
            rowExactUndecided[u] = ExactTolerance.Undecided * (distance * exactNorm);
        }
    }

    /// <summary>Pieces one layer of one cell may hold before the cell is refused as too large (memory stays bounded per cell).</summary>
    public const int MaxPiecesPerLayer = 10_000_000;

    private void Visit(Frame frame, ConvexPiece piece, RegionVisitor visit) =>
        visit(piece, frame.Pattern, frame.Current, TrackMagnitudes ? Roots(frame.SizesCurrent) : null, frame.Point);

    private double[]? roots;

    private double[] Roots(double[] squares)
    {
        var result = roots ??= new double[squares.Length];
        for (var i = 0; i < squares.Length; i++) result[i] = Math.Sqrt(Math.Max(squares[i], 0));
        return result;
    }

    /// <summary>
    /// The size of the terms behind each output coefficient, carried through every layer (see
    /// <see cref="AffineRows.Squared"/>, passed on by each unit's state): a coefficient that cancels to rounding noise
    /// deep in the network keeps the size of what cancelled, so maps are compared at the scale of their error.
    /// </summary>
    private void OutputSizes(Layer layer, Frame frame)
    {
        var stride = d + 1;
        // Every entry is written below: no clearing first (it showed as a third of the profile on the digits CNN).
        var output = frame.SizesCurrent;
        var kind = layer.Kind();
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            var state = frame.States[u];
            var row = kind.Row(u, layer.Rank, state);
            PieceRows.WriteSizes(kind, state, layer.SlopeOf(u), frame.ZSizes.AsSpan(row * stride, stride), output.AsSpan(u * stride, stride));
        }
        // Carried rows (piece (1, 0)) keep their pre-activations' sizes.
        frame.ZSizes.AsSpan(layer.UnitRows * stride, layer.Carried * stride).CopyTo(output.AsSpan(layer.ActivationUnits * stride));
    }

    /// <param name="ballUndecided">Whether <see cref="DecidedOver"/> found the unit undecided over this very piece's ball (then a single breakpoint's split need not ask again).</param>
    private void SplitUnit(ConvexPiece piece, Layer layer, int l, double[] z, ReadOnlySpan<double> sizes, int unit, List<ConvexPiece> output, bool ballUndecided = false)
    {
        var stride = d + 1;
        var kind = layer.Kind();
        if (kind.IsGroup)
        {
            MaxoutCells(piece, layer.Rank, z, sizes, l, unit, output);
            return;
        }
        var breakpoints = kind.Breakpoints;
        if (breakpoints.Length == 0) throw new InvalidOperationException($"no subdivision for {layer.Activation}");
        var zRow = z.AsSpan(unit * stride, stride);
        var zSizes = sizes.Slice(unit * stride, stride);
        if (breakpoints.Length == 1)
        {
            SplitInto(piece, zRow, zSizes, Shift(breakpoints[0]), l, unit, output, ballUndecided);
            return;
        }
        // Split on z = b for each breakpoint in turn (the row shifted by -b), every piece of one split by the next.
        var current = new List<ConvexPiece>(1) { piece };
        for (var i = 0; i < breakpoints.Length; i++)
        {
            var target = i == breakpoints.Length - 1 ? output : new List<ConvexPiece>(2 * current.Count);
            foreach (var p in current) SplitInto(p, zRow, zSizes, Shift(breakpoints[i]), l, unit, target);
            current = target;
        }
    }

    /// <summary>The shift that puts a breakpoint at 0: row + shift = z - b (+0 for b = 0, as the rows are compared to 0).</summary>
    private static double Shift(double breakpoint) => 0.0 - breakpoint;

    /// <summary>A unit's pre-activation row at the point, compared to a breakpoint as <see cref="Side"/> decides it.</summary>
    private readonly ref struct RowSide(SubdivisionEngine engine, ReadOnlySpan<double> row, ReadOnlySpan<double> point) : IBreakpointSide
    {
        private readonly ReadOnlySpan<double> row = row;
        private readonly ReadOnlySpan<double> point = point;

        public bool Above(double breakpoint) => engine.Side(row, Shift(breakpoint), point) > 0;

        public bool Below(double breakpoint) => engine.Side(row, Shift(breakpoint), point) < 0;
    }

    /// <summary>Splits along row + shift = 0 when vertices lie strictly on both sides; otherwise keeps the piece.</summary>
    private void SplitInto(ConvexPiece piece, ReadOnlySpan<double> row, ReadOnlySpan<double> sizes, double shift, int l, int unit, List<ConvexPiece> output, bool ballUndecided = false)
    {
        var (positive, negative) = Classify(piece, row, sizes, shift, l, unit, ballUndecided);
        if (positive && negative)
        {
            var (lower, upper) = piece.Split(values.AsSpan(0, piece.VertexCount), sides.AsSpan(0, piece.VertexCount), nextConstraint++);
            output.Add(lower);
            output.Add(upper);
        }
        else output.Add(piece);
    }

    /// <summary>
    /// The argmax cells of a maxout unit within the piece: cell i is where entry i beats every lower index
    /// strictly and every higher index or ties it (the lowest index wins ties, as in <see cref="Maxout"/>).
    /// </summary>
    private void MaxoutCells(ConvexPiece piece, int rank, double[] z, ReadOnlySpan<double> sizes, int l, int unit, List<ConvexPiece> output)
    {
        var stride = d + 1;
        Span<double> difference = stackalloc double[stride];
        Span<double> differenceSizes = stackalloc double[stride];
        if (SingleCell(piece, rank, z, sizes, l, unit, difference, differenceSizes))
        {
            output.Add(piece);
            return;
        }
        for (var i = 0; i < rank; i++)
        {
            ConvexPiece? cell = piece;
            var rowI = z.AsSpan((unit * rank + i) * stride, stride);
            for (var j = 0; j < rank && cell is not null; j++)
            {
                if (j == i) continue;
                var rowJ = z.AsSpan((unit * rank + j) * stride, stride);
                var sizesI = sizes.Slice((unit * rank + i) * stride, stride);
                var sizesJ = sizes.Slice((unit * rank + j) * stride, stride);
                for (var c = 0; c < stride; c++)
                {
                    difference[c] = rowI[c] - rowJ[c];
                    // (a + b)^2 <= 2 (a^2 + b^2)
                    differenceSizes[c] = 2 * (sizesI[c] + sizesJ[c]);
                }
                cell = ClipPositive(cell, difference, differenceSizes, strict: j < i, l, unit);
            }
            if (cell is not null) output.Add(cell);
        }
    }

    /// <summary>
    /// Whether one entry, the largest at the piece's center, beats every other over the piece's whole ball, as
    /// <see cref="Decided"/> tells it: then the piece is that entry's cell, whole, and the others' cells are
    /// empty, which is what clipping cell by cell finds (each of those gaps is decided by the same test, on
    /// the same rows up to an exact negation), at rank - 1 ball tests instead of up to rank (rank - 1) clips.
    /// Most pieces lie inside one cell of each max-pool unit.
    /// </summary>
    private bool SingleCell(ConvexPiece piece, int rank, double[] z, ReadOnlySpan<double> sizes, int l, int unit, Span<double> difference, Span<double> differenceSizes)
    {
        var stride = d + 1;
        var (center, _) = piece.Ball();
        var best = 0;
        var bestValue = AffineRows.At(z.AsSpan(unit * rank * stride, stride), center);
        for (var r = 1; r < rank; r++)
        {
            var value = AffineRows.At(z.AsSpan((unit * rank + r) * stride, stride), center);
            if (value > bestValue) (best, bestValue) = (r, value);
        }
        var rowBest = z.AsSpan((unit * rank + best) * stride, stride);
        var sizesBest = sizes.Slice((unit * rank + best) * stride, stride);
        for (var j = 0; j < rank; j++)
        {
            if (j == best) continue;
            var rowJ = z.AsSpan((unit * rank + j) * stride, stride);
            var sizesJ = sizes.Slice((unit * rank + j) * stride, stride);
            for (var c = 0; c < stride; c++)
            {
                difference[c] = rowBest[c] - rowJ[c];
                differenceSizes[c] = 2 * (sizesBest[c] + sizesJ[c]);
            }
            if (!Decided(piece, difference, differenceSizes, 0, l, out var gap) || !(gap > 0)) return false;
        }
        return true;
    }

    /// <summary>The part of the piece where f &gt;= 0 (f &gt; 0 when strict), or null when that part has no interior.</summary>
    private ConvexPiece? ClipPositive(ConvexPiece piece, ReadOnlySpan<double> f, ReadOnlySpan<double> sizes, bool strict, int l, int unit)
    {
        var (positive, negative) = Classify(piece, f, sizes, 0, l, unit);
        if (!positive && !negative) return strict ? null : piece;
        if (!negative) return piece;
        if (!positive) return null;
        return piece.Split(values.AsSpan(0, piece.VertexCount), sides.AsSpan(0, piece.VertexCount), nextConstraint++).Positive;
    }

    /// <summary>
    /// Each vertex's side of row + shift = 0 (into <see cref="values"/> and <see cref="sides"/>): on it within
    /// the tolerance, strictly off it beyond <see cref="ExactTolerance.Undecided"/> times that; in between,
    /// double precision cannot tell a thin region from rounding, and the count stops rather than guess.
    /// </summary>
    /// <param name="ballUndecided">Whether <see cref="Decided"/> already answered no for this piece, row and shift (it is deterministic: it would again).</param>
    private (bool Positive, bool Negative) Classify(ConvexPiece piece, ReadOnlySpan<double> row, ReadOnlySpan<double> sizes, double shift, int l, int unit, bool ballUndecided = false)
    {
        if (!ballUndecided && Decided(piece, row, sizes, shift, l, out var atCenter)) return (atCenter > 0, atCenter < 0);
        var norm = AffineRows.GradientNorm(row);
        var tolerance = distance * norm;
        var undecided = ExactTolerance.Undecided * tolerance;

        var n = piece.VertexCount;
        if (values.Length < n)
        {
            values = new double[2 * n];
            sides = new sbyte[2 * n];
        }
        bool positive = false, negative = false;
        // The terms' sizes at a vertex need the roots of their squares: taken once per row, not once per vertex.
        var exact = l == 0 && firstLayerExact;
        Span<double> roots = stackalloc double[exact ? 0 : d + 1];
        if (!exact) AffineRows.Roots(sizes, roots);
        for (var v = 0; v < n; v++)
        {
            var vertex = piece.Vertex(v);
            var f = AffineRows.At(row, vertex) + shift;
            if (!double.IsFinite(f) || !double.IsFinite(undecided)) throw OutOfRange(l, unit);
            var size = Math.Abs(f);
            if (size > tolerance && size <= undecided) throw Undecidable(l, unit, size / norm);
            if (size > tolerance && !exact)
            {
                var rounding = ExactTolerance.Rounding * AffineRows.SizeAt(roots, vertex);
                if (!double.IsFinite(rounding)) throw OutOfRange(l, unit);
                if (size <= rounding) throw WithinRounding(l, unit);
            }
            values[v] = f;
            sbyte side = f > tolerance ? (sbyte)1 : f < -tolerance ? (sbyte)-1 : (sbyte)0;
            sides[v] = side;
            positive |= side > 0;
            negative |= side < 0;
        }
        return (positive, negative);
    }

    /// <summary>
    /// Whether the row's side is decided over the piece's ball: far from the hyperplane, and from the rounding
    /// of the row's terms, every vertex is strictly on the center's side (<paramref name="atCenter"/>'s sign).
    /// </summary>
    private bool Decided(ConvexPiece piece, ReadOnlySpan<double> row, ReadOnlySpan<double> sizes, double shift, int l, out double atCenter) =>
        ClearlyDecided(piece, row, sizes, shift, l, out atCenter) || ExactlyDecided(piece, row, sizes, shift, l, out atCenter);

    /// <summary><see cref="Decided"/>'s own test, with the row's norm and the terms' size over the ball.</summary>
    private bool ExactlyDecided(ConvexPiece piece, ReadOnlySpan<double> row, ReadOnlySpan<double> sizes, double shift, int l, out double atCenter)
    {
        var norm = AffineRows.GradientNorm(row);
        var undecided = ExactTolerance.Undecided * (distance * norm);
        var (center, radius) = piece.Ball();
        atCenter = AffineRows.At(row, center) + shift;
        var noise = l == 0 && firstLayerExact ? 0 : ExactTolerance.Rounding * AffineRows.SizeOver(sizes, center, radius);
        return ExactlyBeyond(atCenter, norm * radius, undecided, noise);
    }

    /// <summary><see cref="ExactlyDecided"/>'s test from the value at the center, |g| times the radius, the undecided band and the rounding noise.</summary>
    private static bool ExactlyBeyond(double atCenter, double reach, double undecided, double noise) =>
        Math.Abs(atCenter) > reach + Math.Max(undecided, noise) && double.IsFinite(undecided);

    /// <summary>
    /// A cheaper sufficient test for <see cref="Decided"/>, without square roots: it bounds |g| by the sum of
    /// |g_i| and the terms' size by the root of 1 + d times the sum of their squares (Cauchy-Schwarz), both
    /// at least the exact test's, with a margin far above their rounding. When it holds, so does the exact
    /// test, with the same value at the center; when it does not, the exact test decides. Most units lie
    /// far from most pieces, so most tests end here.
    /// </summary>
    private bool ClearlyDecided(ConvexPiece piece, ReadOnlySpan<double> row, ReadOnlySpan<double> sizes, double shift, int l, out double atCenter)
    {
        var (center, radius) = piece.Ball();
        atCenter = AffineRows.At(row, center) + shift;
        var norm = 0.0;
        for (var i = 0; i < d; i++) norm += Math.Abs(row[i]);
        return ClearlyBeyond(atCenter, norm, ExactTolerance.Undecided * (distance * norm), center, radius, sizes, l);
    }

    /// <summary>
    /// <see cref="ClearlyDecided"/>'s test from the value at the center, the row's sum of |g_i| and the undecided band
    /// it sets (<see cref="KeepUndecided"/> takes those once per row).
    /// </summary>
    private bool ClearlyBeyond(double atCenter, double norm, double undecided, ReadOnlySpan<double> center, double radius, ReadOnlySpan<double> sizes, int l)
    {
        var margin = Math.Abs(atCenter) - (norm * radius + undecided) * SafeFactor;
        if (!(margin > 0) || !double.IsFinite(margin)) return false;
        if (l == 0 && firstLayerExact) return true;
        var squares = Math.Max(sizes[d], 0);
        for (var i = 0; i < d; i++)
        {
            var reach = Math.Abs(center[i]) + radius;
            squares += Math.Max(sizes[i], 0) * reach * reach;
        }
        var noise = ExactTolerance.Rounding * SafeFactor;
        // noise^2 (d + 1) squares bounds the square of the exact test's noise; the margin must exceed the noise too.
        return double.IsFinite(squares) && margin * margin > noise * noise * (d + 1) * squares;
    }

    /// <summary>How far above the exact test's bounds the cheap one stays: far above the rounding of either.</summary>
    private const double SafeFactor = 1 + 1e-6;

    private static InvalidRequestException WithinRounding(int l, int unit) => new(
        $"layer {l + 1} unit {unit + 1}: its value (or, for maxout, the gap between two of its pieces) is within rounding of the size of its terms "
        + $"({ExactTolerance.Rounding:G2} of them) near a region's corner, so double precision cannot tell its state there and no exact count is given: "
        + "units that (nearly) cancel or (nearly) duplicate one another beyond the format's precision cause this") { Code = RefusalCodes.Undecidable };

    private InvalidRequestException Undecidable(int l, int unit, double gap) => new(
        $"layer {l + 1} unit {unit + 1}: a corner of a region lies {gap:G3} from this unit's boundary, {gap / distance * ExactTolerance.Relative:G3} of the domain's diameter; "
        + $"double precision cannot tell so thin a region (below {ExactTolerance.Undecided * ExactTolerance.Relative:G2} of the diameter) from rounding, so no exact count is given: "
        + "count by sampling, or on a smaller box around the feature") { Code = RefusalCodes.Undecidable };

    private static InvalidRequestException OutOfRange(int l, int unit) => new(
        $"layer {l + 1} unit {unit + 1}: its pre-activation leaves the double range on the domain, so its sign cannot be decided; scale the domain or the weights down") { Code = RefusalCodes.OutOfRange };

    /// <summary>
    /// Decides every unit's state at the piece's centroid, writes it into the pattern and (with <paramref name="rows"/>)
    /// the layer's outputs, as affine rows, into <paramref name="h"/>.
    /// </summary>
    private void Activate(Layer layer, int l, double[] z, ReadOnlySpan<double> point, ulong[] pattern, double[] h, int[] states, bool rows)
    {
        var stride = d + 1;
        var layout = network.Layout;
        var first = layout.FirstSlot(l);
        var kind = layer.Kind();
        // With one breakpoint at 0 and no facet normal, a side is the row's sign at the point: the value is
        // taken once and read by the kind's scalar rule (z + 0 > 0 exactly when z > 0), with no generic call per unit.
        var atZero = normal is null && !kind.IsGroup && kind.Breakpoints is [0];
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            var state = kind.IsGroup
                ? ArgMax(z, u, layer.Rank, point)
                : atZero
                    ? kind.State(AffineRows.At(z.AsSpan(u * stride, stride), point))
                    : kind.State(new RowSide(this, z.AsSpan(u * stride, stride), point));
            states[u] = state;
            if (layer.BitsPerUnit > 0)
            {
                var (word, shift) = layout.Slots[first + u];
                pattern[word] |= (ulong)state << shift;
            }
            if (!rows) continue;
            PieceRows.Write(kind, state, layer.SlopeOf(u), z.AsSpan(kind.Row(u, layer.Rank, state) * stride, stride), h.AsSpan(u * stride, stride));
        }
        if (!rows) return;
        // Carried rows are linear units (piece (1, 0)): their output rows are their pre-activation rows.
        z.AsSpan(layer.UnitRows * stride, layer.Carried * stride).CopyTo(h.AsSpan(layer.ActivationUnits * stride));
    }

    /// <summary>
    /// The sign of row + shift at the point, as the unit kinds compare (only z &gt; 0 counts as positive); when
    /// refining a facet, a value within tolerance takes the sign of its derivative along the outward normal.
    /// </summary>
    private int Side(ReadOnlySpan<double> row, double shift, ReadOnlySpan<double> point)
    {
        var value = AffineRows.At(row, point) + shift;
        if (normal is not null)
        {
            var norm = AffineRows.GradientNorm(row);
            if (Math.Abs(value) <= distance * norm)
            {
                // The normal has unit length: the slope is |g| times the cosine of the angle between them.
                var slope = AffineRows.Along(row, normal);
                var flat = ExactTolerance.Relative * norm;
                return slope > flat ? 1 : (slope < -flat ? -1 : 0);
            }
        }
        return value > 0 ? 1 : (value < 0 ? -1 : 0);
    }

    private int ArgMax(double[] z, int unit, int rank, ReadOnlySpan<double> point)
    {
        var stride = d + 1;
        Span<double> difference = stackalloc double[stride];
        var best = 0;
        for (var r = 1; r < rank; r++)
        {
            var rowR = z.AsSpan((unit * rank + r) * stride, stride);
            var rowBest = z.AsSpan((unit * rank + best) * stride, stride);
            for (var c = 0; c < stride; c++) difference[c] = rowR[c] - rowBest[c];
            if (Side(difference, 0, point) > 0) best = r;
        }
        return best;
    }
}
