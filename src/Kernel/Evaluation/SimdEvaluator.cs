using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Regions.Kernel.Evaluation.Screening;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The generic vectorised evaluator: any architecture, points across vector lanes (512-bit vectors where the
/// CPU has them, else <see cref="Vector{T}"/>; see <see cref="ILanes{TSelf}"/>). Each pre-activation is the
/// bias followed by fused multiply-adds in column order, and every comparison is its kind's lane rule (<see cref="UnitKind"/>, beside the scalar rule the interpreter follows),
/// so the patterns equal the interpreter's bit for bit, whatever the width. By default a batch is first evaluated in
/// float (<see cref="EvaluatorPrecision.FloatScreened"/>, twice the points per vector), and only the points the float
/// pass cannot decide are evaluated here in double. Steady-state evaluation allocates nothing.
/// </summary>
public sealed class SimdEvaluator : IPatternEvaluator
{
    public const int DefaultBatch = 128;

    private readonly Network network;
    private readonly double[] activationsA;
    private readonly double[] activationsB;
    private readonly double[] preActivations;

    /// <summary>Pattern words as structure of arrays (word w of point p at w * batch + p), so state bits are OR-ed in vector by vector.</summary>
    private readonly ulong[] words;

    /// <summary>The float pass, or null when evaluating in double only.</summary>
    private FloatScreen? screen;

    /// <summary>Batches in a row of which the float pass left more than a quarter to double, and how many make the evaluator give it up.</summary>
    private int poorBatches;
    private const int PoorBatchesBeforeDouble = 16;

    /// <summary>The points the float pass left undecided, gathered as a batch of their own, and their patterns.</summary>
    private readonly int[] undecided;
    private readonly double[] undecidedPoints;
    private readonly ulong[] undecidedPatterns;

    public SimdEvaluator(Network network, int batchCapacity = DefaultBatch, EvaluatorPrecision precision = EvaluatorPrecision.FloatScreened)
    {
        var lanes = Wide ? Vector512Lanes.Count : VectorLanes.Count;
        if (batchCapacity < lanes || batchCapacity % lanes != 0)
            throw new ArgumentException($"batch capacity must be a positive multiple of {lanes}", nameof(batchCapacity));
        this.network = network;
        BatchCapacity = batchCapacity;
        var width = network.Layers.Max(l => Math.Max(l.Units, l.Columns));
        activationsA = new double[width * batchCapacity];
        activationsB = new double[width * batchCapacity];
        preActivations = new double[network.Layers.Max(l => l.Rows) * batchCapacity];
        words = new ulong[network.Layout.Words * batchCapacity];
        screen = precision == EvaluatorPrecision.FloatScreened ? FloatScreen.For(network, batchCapacity) : null;
        undecided = screen is null ? [] : new int[batchCapacity];
        undecidedPoints = screen is null ? [] : new double[network.Inputs * batchCapacity];
        undecidedPatterns = screen is null ? [] : new ulong[network.Layout.Words * batchCapacity];
    }

    /// <summary>Whether batches are screened in float first (false when asked for double, when no float bound applies to the network or batch size, or after a run of batches the bound could not decide).</summary>
    public bool Screened => screen is not null;

    /// <summary>Points of the last batch the float pass left to double (0 when not screened).</summary>
    public int LastUndecided { get; private set; }

    /// <summary>Whether this process evaluates with 512-bit vectors (Vector&lt;T&gt; stays at 256 bits unless configured).</summary>
    public static bool Wide => System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;

    public Network Network => network;

    public int BatchCapacity { get; }

    public void EvaluatePatterns(ReadOnlySpan<double> points, int count, Span<ulong> patterns)
    {
        if (screen is not null) EvaluateScreened(points, count, patterns);
        else EvaluateDouble(points, count, patterns);
    }

    private void EvaluateDouble(ReadOnlySpan<double> points, int count, Span<ulong> patterns)
    {
        if (Wide) Evaluate<Vector512Lanes>(points, count, patterns);
        else Evaluate<VectorLanes>(points, count, patterns);
    }

    /// <summary>The float pass, then the points it left undecided, gathered into a batch of their own, in double.</summary>
    private void EvaluateScreened(ReadOnlySpan<double> points, int count, Span<ulong> patterns)
    {
        var batch = BatchCapacity;
        if (count < 0 || count > batch) throw new ArgumentOutOfRangeException(nameof(count));
        if (points.Length < network.Inputs * batch) throw new ArgumentException("points buffer smaller than inputs x batch", nameof(points));
        var left = screen!.Evaluate(points, count, patterns, undecided);
        LastUndecided = left;
        // Where the bound is too loose for the network (deep and wide), most points come back: after a run of such
        // batches the evaluator stays in double, which is then faster (the patterns are the same either way).
        poorBatches = 4 * left > count ? poorBatches + 1 : 0;
        if (poorBatches >= PoorBatchesBeforeDouble) screen = null;
        if (left == 0) return;
        for (var j = 0; j < network.Inputs; j++)
        {
            for (var i = 0; i < left; i++) undecidedPoints[j * batch + i] = points[j * batch + undecided[i]];
        }
        EvaluateDouble(undecidedPoints, left, undecidedPatterns);
        var words = network.Layout.Words;
        for (var i = 0; i < left; i++) undecidedPatterns.AsSpan(i * words, words).CopyTo(patterns.Slice(undecided[i] * words, words));
    }

    private void Evaluate<TLanes>(ReadOnlySpan<double> points, int count, Span<ulong> patterns) where TLanes : struct, ILanes<TLanes>
    {
        var batch = BatchCapacity;
        if (count < 0 || count > batch) throw new ArgumentOutOfRangeException(nameof(count));
        if (points.Length < network.Inputs * batch) throw new ArgumentException("points buffer smaller than inputs x batch", nameof(points));
        var words = network.Layout.Words;
        Array.Clear(this.words);
        // Only the vectors holding the count points are computed (lanes are independent): the points a float pass
        // leaves to double come gathered at the front of a batch.
        var extent = Math.Min(batch, (count + TLanes.Count - 1) / TLanes.Count * TLanes.Count);

        ReadOnlySpan<double> input = points[..(network.Inputs * batch)];
        var output = activationsA;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = preActivations.AsSpan(0, layer.Rows * batch);
            AffineRows<TLanes>(layer, input, z, batch, extent);
            var h = output.AsSpan(0, layer.Units * batch);
            Activate<TLanes>(layer, l, z, h, batch, extent);
            // Carried rows are linear units: their pre-activations pass through after the activation's outputs.
            if (layer.Carried > 0) z[(layer.UnitRows * batch)..].CopyTo(h[(layer.ActivationUnits * batch)..]);
            input = h;
            output = output == activationsA ? activationsB : activationsA;
        }
        for (var p = 0; p < count; p++)
        {
            for (var w = 0; w < words; w++) patterns[p * words + w] = this.words[w * batch + p];
        }
    }

    /// <summary>z[r] = b[r] + sum_j w[r,j] * in[j], one FMA per term in column order, across the batch.</summary>
    private static void AffineRows<TLanes>(Layer layer, ReadOnlySpan<double> input, Span<double> z, int batch, int extent) where TLanes : struct, ILanes<TLanes> =>
        LaneAffineRows.Apply<TLanes, double>(layer.Weights, layer.Biases, layer.Rows, layer.Columns, input, z, batch, extent);

    private void Activate<TLanes>(Layer layer, int layerIndex, ReadOnlySpan<double> z, Span<double> h, int batch, int extent) where TLanes : struct, ILanes<TLanes>
    {
        // One call per layer picks the kind's lane rule; the loop below is then specialised per kind and width.
        var call = new ActivateCall<TLanes>(this, layer, layerIndex, z, h, batch, extent);
        layer.Kind().WithLanes(ref call);
    }

    private readonly ref struct ActivateCall<TLanes>(SimdEvaluator evaluator, Layer layer, int layerIndex, ReadOnlySpan<double> z, Span<double> h, int batch, int extent) : ILaneRuleCall
        where TLanes : struct, ILanes<TLanes>
    {
        private readonly ReadOnlySpan<double> z = z;
        private readonly Span<double> h = h;

        public void Invoke<TRule>() where TRule : struct, ILaneRule => evaluator.Activate<TLanes, TRule>(layer, layerIndex, z, h, batch, extent);
    }

    private void Activate<TLanes, TRule>(Layer layer, int layerIndex, ReadOnlySpan<double> z, Span<double> h, int batch, int extent)
        where TLanes : struct, ILanes<TLanes>
        where TRule : struct, ILaneRule
    {
        var lanes = TLanes.Count;
        var layout = network.Layout;
        var firstSlot = layout.FirstSlot(layerIndex);
        var slope = TLanes.Broadcast(layer.Slope);
        var unitSlopes = layer.HasUnitSlopes;
        var piecewise = layer.IsPiecewise;
        ref var zBase = ref MemoryMarshal.GetReference(z);
        ref var hBase = ref MemoryMarshal.GetReference(h);
        ref var wordBase = ref MemoryMarshal.GetArrayDataReference(words);
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            // A per-channel PReLU broadcasts each unit's own slope once per unit, outside the batch loop.
            if (unitSlopes) slope = TLanes.Broadcast(layer.SlopeOf(u));
            var (word, shift) = piecewise ? layout.Slots[firstSlot + u] : (0, 0);
            for (var v = 0; v < extent; v += lanes)
            {
                var value = TRule.Invoke(ref zBase, u * layer.Rank, layer.Rank, v, batch, slope, out var state);
                TLanes.Store(value, ref hBase, (nuint)(u * batch + v));
                if (piecewise) TLanes.OrState(state, shift, ref wordBase, (nuint)(word * batch + v));
            }
        }
    }
}
