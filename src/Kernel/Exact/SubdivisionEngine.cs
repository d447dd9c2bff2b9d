using Regions.Kernel.Model;

namespace Regions.Kernel.Exact;

/// <summary>
/// Subdivides a convex piece of the parameter space P layer by layer: each layer's pre-activations are
/// affine on a piece of the previous layer, so the piece splits along each unit's zero set (relu, leaky,
/// abs), its two breakpoints (hardtanh) or its argmax cells (maxout); each resulting piece has one state per
/// unit, which fixes the next layer's inputs as affine functions. The leaves are the activation regions
/// met by the root piece, each with its pattern and affine output map. See <see cref="ExactTolerance"/>.
/// </summary>
internal sealed class SubdivisionEngine
{
    /// <summary>What the engine reports for each region: the piece, its packed pattern and output maps (rows over P; both valid during the call only: copy to keep) and a point inside.</summary>
    public delegate void RegionVisitor(ConvexPiece piece, ulong[] pattern, double[] outputs, double[] centroid);

    private readonly Network network;
    private readonly int d;
    private readonly double[] embedding;
    private readonly double[]? normal;
    private double distance;
    private int nextConstraint;
    private double[] values = new double[16];
    private sbyte[] sides = new sbyte[16];

    /// <param name="embedding">The network input as affine rows over P: x_i = row i (n0 rows of d + 1).</param>
    /// <param name="normal">For refining a facet: the outward normal in P; values on a hyperplane take the side it points to.</param>
    public SubdivisionEngine(Network network, int dimension, double[] embedding, double[]? normal = null)
    {
        this.network = network;
        d = dimension;
        this.embedding = embedding;
        this.normal = normal;
    }

    public int Dimension => d;

    public double[] Embedding => embedding;

    /// <param name="diameter">The root piece's diameter: tolerances are relative to it.</param>
    /// <param name="firstConstraint">First id for splitting hyperplanes (ids below are the root's own faces).</param>
    public void Run(ConvexPiece root, double diameter, int firstConstraint, RegionVisitor visit, CancellationToken cancel)
    {
        distance = ExactTolerance.Relative * diameter;
        nextConstraint = firstConstraint;
        var z = AffineRows.PreActivations(network.Layers[0], embedding, d);
        Process(root, 0, z, new ulong[network.Layout.Words], visit, cancel);
    }

    /// <summary>Runs the subdivision and hands over each region's pattern fingerprint only.</summary>
    public void RunFingerprints(ConvexPiece root, double diameter, int firstConstraint, Action<UInt128> found, CancellationToken cancel)
    {
        var bits = network.Layout.TotalBits;
        Run(root, diameter, firstConstraint, (_, pattern, _, _) => found(Evaluation.Fingerprint.Of(pattern, bits)), cancel);
    }

    /// <summary>
    /// Scratch of one layer depth, reused by every piece at that depth: the recursion finishes a piece's whole
    /// subtree before the next piece at the same depth starts, so one set per depth suffices and the
    /// subdivision allocates little beyond the pieces themselves.
    /// </summary>
    private sealed class Depth(int units, int nextRows, int words, int d)
    {
        public List<ConvexPiece> Pieces = [];
        public List<ConvexPiece> Next = [];
        public double[] Point = new double[d];
        public double[] Outputs = new double[units * (d + 1)];
        public double[] Previous = new double[units * (d + 1)];
        public double[] NextPreActivations = new double[nextRows * (d + 1)];
        public ulong[] Pattern = new ulong[words];
    }

    private Depth[]? depths;

    private Depth At(int l)
    {
        depths ??= new Depth[network.Layers.Count];
        return depths[l] ??= new Depth(network.Layers[l].Units, l + 1 < network.Layers.Count ? network.Layers[l + 1].Rows : 0, network.Layout.Words, d);
    }

    /// <summary>Subdivides a piece by layer <paramref name="l"/>, whose pre-activations on the piece are <paramref name="z"/> (read only).</summary>
    private void Process(ConvexPiece piece, int l, double[] z, ulong[] pattern, RegionVisitor visit, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var layer = network.Layers[l];
        var last = l == network.Layers.Count - 1;
        if (!layer.IsPiecewise)
        {
            if (last) Visit(piece, pattern, z, visit);
            else Process(piece, l + 1, AffineRows.PreActivations(network.Layers[l + 1], z, d), pattern, visit, cancel);
            return;
        }
        var depth = At(l);
        var pieces = depth.Pieces;
        var next = depth.Next;
        pieces.Clear();
        pieces.Add(piece);
        for (var u = 0; u < layer.Units; u++)
        {
            next.Clear();
            foreach (var p in pieces) SplitUnit(p, layer, z, u, next);
            (pieces, next) = (next, pieces);
            if (pieces.Count > MaxPiecesPerLayer)
                throw new InvalidRequestException($"one cell holds more than {MaxPiecesPerLayer:N0} pieces in layer {l + 1}: split the domain into more --cells");
        }
        // The lists swapped roles an odd or even number of times; keep them attached to the depth either way.
        (depth.Pieces, depth.Next) = (pieces, next);
        var point = depth.Point;
        var child = depth.Pattern;
        var zNext = depth.NextPreActivations;
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            p.Centroid(point);
            pattern.CopyTo(child, 0);
            var h = depth.Outputs;
            Activate(layer, l, z, point, child, h);
            if (last)
            {
                Visit(p, child, h, visit);
                continue;
            }
            // Neighbouring pieces differ in few units, so the next layer's pre-activations are updated by
            // those units' columns only; a full recomputation every so often bounds the rounding drift.
            if (i % RecomputeEvery == 0) AffineRows.PreActivations(network.Layers[l + 1], h, d, zNext);
            else AffineRows.UpdatePreActivations(network.Layers[l + 1], zNext, depth.Previous, h, d);
            (depth.Outputs, depth.Previous) = (depth.Previous, h);
            Process(p, l + 1, zNext, child, visit, cancel);
        }
    }

    private const int RecomputeEvery = 256;

    /// <summary>Pieces one layer of one cell may hold before the cell is refused as too large (memory stays bounded per cell).</summary>
    public const int MaxPiecesPerLayer = 10_000_000;

    private double[]? visitCentroid;

    private void Visit(ConvexPiece piece, ulong[] pattern, double[] outputs, RegionVisitor visit)
    {
        var centroid = visitCentroid ??= new double[d];
        piece.Centroid(centroid);
        visit(piece, pattern, outputs, centroid);
    }

    private void SplitUnit(ConvexPiece piece, Layer layer, double[] z, int unit, List<ConvexPiece> output)
    {
        var stride = d + 1;
        switch (layer.Activation)
        {
            case Activation.Relu or Activation.LeakyRelu or Activation.Abs:
                SplitInto(piece, z.AsSpan(unit * stride, stride), 0, output);
                break;
            case Activation.HardTanh:
                var below = new List<ConvexPiece>(2);
                SplitInto(piece, z.AsSpan(unit * stride, stride), 1, below);
                foreach (var p in below) SplitInto(p, z.AsSpan(unit * stride, stride), -1, output);
                break;
            case Activation.Maxout:
                MaxoutCells(piece, layer.Rank, z, unit, output);
                break;
            default:
                throw new InvalidOperationException($"no subdivision for {layer.Activation}");
        }
    }

    /// <summary>Splits along row + shift = 0 when vertices lie strictly on both sides; otherwise keeps the piece.</summary>
    private void SplitInto(ConvexPiece piece, ReadOnlySpan<double> row, double shift, List<ConvexPiece> output)
    {
        var (positive, negative) = Classify(piece, row, shift);
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
    /// strictly and every higher index or ties it (the lowest index wins ties, as in UnitState.ArgMax).
    /// </summary>
    private void MaxoutCells(ConvexPiece piece, int rank, double[] z, int unit, List<ConvexPiece> output)
    {
        var stride = d + 1;
        Span<double> difference = stackalloc double[stride];
        for (var i = 0; i < rank; i++)
        {
            ConvexPiece? cell = piece;
            var rowI = z.AsSpan((unit * rank + i) * stride, stride);
            for (var j = 0; j < rank && cell is not null; j++)
            {
                if (j == i) continue;
                var rowJ = z.AsSpan((unit * rank + j) * stride, stride);
                for (var c = 0; c < stride; c++) difference[c] = rowI[c] - rowJ[c];
                cell = ClipPositive(cell, difference, strict: j < i);
            }
            if (cell is not null) output.Add(cell);
        }
    }

    /// <summary>The part of the piece where f &gt;= 0 (f &gt; 0 when strict), or null when that part has no interior.</summary>
    private ConvexPiece? ClipPositive(ConvexPiece piece, ReadOnlySpan<double> f, bool strict)
    {
        var (positive, negative) = Classify(piece, f, 0);
        if (!positive && !negative) return strict ? null : piece;
        if (!negative) return piece;
        if (!positive) return null;
        return piece.Split(values.AsSpan(0, piece.VertexCount), sides.AsSpan(0, piece.VertexCount), nextConstraint++).Positive;
    }

    private (bool Positive, bool Negative) Classify(ConvexPiece piece, ReadOnlySpan<double> row, double shift)
    {
        var norm = AffineRows.GradientNorm(row);
        var tolerance = distance * norm;
        // Far from the hyperplane: every vertex is strictly on the center's side, no split needed.
        var (center, radius) = piece.Ball();
        var atCenter = AffineRows.At(row, center) + shift;
        if (Math.Abs(atCenter) > norm * radius + tolerance) return (atCenter > 0, atCenter < 0);

        var n = piece.VertexCount;
        if (values.Length < n)
        {
            values = new double[2 * n];
            sides = new sbyte[2 * n];
        }
        bool positive = false, negative = false;
        for (var v = 0; v < n; v++)
        {
            var f = AffineRows.At(row, piece.Vertex(v)) + shift;
            values[v] = f;
            sbyte side = f > tolerance ? (sbyte)1 : f < -tolerance ? (sbyte)-1 : (sbyte)0;
            sides[v] = side;
            positive |= side > 0;
            negative |= side < 0;
        }
        return (positive, negative);
    }

    /// <summary>Decides every unit's state at the piece's centroid, writes it into the pattern and the layer's outputs, as affine rows, into <paramref name="h"/>.</summary>
    private void Activate(Layer layer, int l, double[] z, ReadOnlySpan<double> point, ulong[] pattern, double[] h)
    {
        var stride = d + 1;
        Array.Clear(h);
        var layout = network.Layout;
        var first = layout.FirstSlot(l);
        for (var u = 0; u < layer.Units; u++)
        {
            int state;
            var target = h.AsSpan(u * stride, stride);
            if (layer.Activation == Activation.Maxout)
            {
                state = ArgMax(z, u, layer.Rank, point);
                z.AsSpan((u * layer.Rank + state) * stride, stride).CopyTo(target);
            }
            else
            {
                var row = z.AsSpan(u * stride, stride);
                switch (layer.Activation)
                {
                    case Activation.Relu:
                        state = Side(row, 0, point) > 0 ? 1 : 0;
                        if (state == 1) row.CopyTo(target);
                        break;
                    case Activation.LeakyRelu:
                        state = Side(row, 0, point) > 0 ? 1 : 0;
                        for (var c = 0; c < stride; c++) target[c] = state == 1 ? row[c] : layer.Slope * row[c];
                        break;
                    case Activation.Abs:
                        state = Side(row, 0, point) > 0 ? 1 : 0;
                        for (var c = 0; c < stride; c++) target[c] = state == 1 ? row[c] : -row[c];
                        break;
                    case Activation.HardTanh:
                        state = Side(row, 1, point) < 0 ? 0 : (Side(row, -1, point) > 0 ? 2 : 1);
                        if (state == 1) row.CopyTo(target);
                        else target[d] = state == 0 ? -1 : 1;
                        break;
                    default:
                        throw new InvalidOperationException($"no states for {layer.Activation}");
                }
            }
            if (layer.BitsPerUnit > 0)
            {
                var (word, shift) = layout.Slots[first + u];
                pattern[word] |= (ulong)state << shift;
            }
        }
    }

    /// <summary>
    /// The sign of row + shift at the point, as UnitState decides it (only z &gt; 0 counts as positive); when
    /// refining a facet, a value within tolerance takes the sign of its derivative along the outward normal.
    /// </summary>
    private int Side(ReadOnlySpan<double> row, double shift, ReadOnlySpan<double> point)
    {
        var value = AffineRows.At(row, point) + shift;
        if (normal is not null && Math.Abs(value) <= distance * AffineRows.GradientNorm(row))
        {
            var slope = AffineRows.Along(row, normal);
            return slope > distance * AffineRows.GradientNorm(row) ? 1 : (slope < -distance * AffineRows.GradientNorm(row) ? -1 : 0);
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
