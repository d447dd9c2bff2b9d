using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// The generic evaluator's single-precision pass: the same rows and rules as <see cref="SimdEvaluator"/>, in
/// float lanes of the double path's width (twice the points per vector; see <see cref="IFloatLanes{TSelf}"/>), with each unit's state accepted only where its
/// float pre-activation is farther from every breakpoint than <see cref="ScreeningBounds"/> allows the double
/// one to be. Accepted points get exactly the double pattern; the others are listed for the caller to recompute
/// in double. Steady-state evaluation allocates nothing.
/// </summary>
internal sealed class FloatScreen
{
    private readonly Network network;
    private readonly ScreeningBounds bounds;
    private readonly int batch;
    private readonly float[][] weights;
    private readonly float[][] biases;
    private readonly float[] rowErrors;
    private readonly float[] inputs;
    private readonly float[] activationsA;
    private readonly float[] activationsB;
    private readonly float[] preActivations;

    /// <summary>Pattern words as 32-bit halves (half h of point p at h * batch + p), so state bits are OR-ed in float-width lanes.</summary>
    private readonly uint[] halves;

    /// <summary>All bits set where every state of the point so far is decided.</summary>
    private readonly int[] decided;

    /// <summary>The largest input magnitude <see cref="rowErrors"/> were computed for (NaN before the first batch).</summary>
    private double preparedFor = double.NaN;

    /// <summary>Lanes of the current batch that are computed: the count rounded up to whole vectors.</summary>
    private int extent;

    private FloatScreen(Network network, ScreeningBounds bounds, int batch)
    {
        this.network = network;
        this.bounds = bounds;
        this.batch = batch;
        weights = network.Layers.Select(l => l.Weights.ToArray().Select(w => (float)w).ToArray()).ToArray();
        biases = network.Layers.Select(l => l.Biases.ToArray().Select(b => (float)b).ToArray()).ToArray();
        rowErrors = new float[bounds.Rows];
        var width = network.Layers.Max(l => Math.Max(l.Units, l.Columns));
        inputs = new float[network.Inputs * batch];
        activationsA = new float[width * batch];
        activationsB = new float[width * batch];
        preActivations = new float[network.Layers.Max(l => l.Rows) * batch];
        halves = new uint[2 * network.Layout.Words * batch];
        decided = new int[batch];
    }

    /// <summary>Points per float vector: twice the double path's.</summary>
    public static int Lanes => SimdEvaluator.Wide ? Float512Lanes.Count : FloatVectorLanes.Count;

    /// <summary>The screen of a network for batches of <paramref name="batch"/> points, or null when none applies (see <see cref="ScreeningBounds.Of"/>).</summary>
    public static FloatScreen? For(Network network, int batch) =>
        batch % Lanes == 0 && ScreeningBounds.Of(network) is { } bounds ? new FloatScreen(network, bounds, batch) : null;

    /// <summary>
    /// Writes the patterns of the first <paramref name="count"/> points, and lists in <paramref name="undecided"/> the
    /// points whose patterns it could not decide (their words are left unspecified). Returns how many it listed.
    /// </summary>
    public int Evaluate(ReadOnlySpan<double> points, int count, Span<ulong> patterns, Span<int> undecided) =>
        SimdEvaluator.Wide ? Evaluate<Float512Lanes>(points, count, patterns, undecided) : Evaluate<FloatVectorLanes>(points, count, patterns, undecided);

    private int Evaluate<TLanes>(ReadOnlySpan<double> points, int count, Span<ulong> patterns, Span<int> undecided) where TLanes : struct, IFloatLanes<TLanes>
    {
        if (!bounds.RowBounds(ScreeningBounds.Largest(points, network.Inputs, batch, count), rowErrors, ref preparedFor))
        {
            for (var p = 0; p < count; p++) undecided[p] = p;
            return count;
        }
        Array.Clear(halves);
        Array.Fill(decided, -1);
        // Only the vectors holding the count points are computed: lanes are independent.
        extent = Math.Min(batch, (count + TLanes.Count - 1) / TLanes.Count * TLanes.Count);
        Convert<TLanes>(points);
        ReadOnlySpan<float> input = inputs;
        var output = activationsA;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = preActivations.AsSpan(0, layer.Rows * batch);
            AffineRows<TLanes>(weights[l], biases[l], layer.Rows, layer.Columns, input, z);
            var h = output.AsSpan(0, layer.Units * batch);
            Activate<TLanes>(layer, l, z, h);
            if (layer.Carried > 0) z[(layer.UnitRows * batch)..].CopyTo(h[(layer.ActivationUnits * batch)..]);
            input = h;
            output = output == activationsA ? activationsB : activationsA;
        }
        var words = network.Layout.Words;
        var listed = 0;
        for (var p = 0; p < count; p++)
        {
            if (decided[p] != -1)
            {
                undecided[listed++] = p;
                continue;
            }
            for (var w = 0; w < words; w++) patterns[p * words + w] = halves[2 * w * batch + p] | (ulong)halves[(2 * w + 1) * batch + p] << 32;
        }
        return listed;
    }

    /// <summary>Rounds the computed lanes of the batch to floats.</summary>
    private void Convert<TLanes>(ReadOnlySpan<double> points) where TLanes : struct, IFloatLanes<TLanes>
    {
        ref var source = ref MemoryMarshal.GetReference(points);
        ref var target = ref MemoryMarshal.GetArrayDataReference(inputs);
        for (var j = 0; j < network.Inputs; j++)
        {
            for (var v = 0; v < extent; v += TLanes.Count)
                TLanes.Store(TLanes.Narrow(ref source, (nuint)(j * batch + v)), ref target, (nuint)(j * batch + v));
        }
    }

    /// <summary>z[r] = b[r] + sum_j w[r,j] * in[j] in float, fused multiply-adds in column order, as the double path blocks them.</summary>
    private void AffineRows<TLanes>(float[] w, float[] b, int rows, int columns, ReadOnlySpan<float> input, Span<float> z) where TLanes : struct, IFloatLanes<TLanes> =>
        LaneAffineRows.Apply<TLanes, float>(w, b, rows, columns, input, z, batch, extent);

    private void Activate<TLanes>(Layer layer, int l, ReadOnlySpan<float> z, Span<float> h) where TLanes : struct, IFloatLanes<TLanes>
    {
        switch (layer.Activation)
        {
            case Activation.Relu: Activate<TLanes, OnAboveZeroFloat<ReluOff>>(layer, l, z, h); break;
            case Activation.LeakyRelu: Activate<TLanes, OnAboveZeroFloat<LeakyOff>>(layer, l, z, h); break;
            case Activation.Abs: Activate<TLanes, OnAboveZeroFloat<AbsOff>>(layer, l, z, h); break;
            case Activation.HardTanh: Activate<TLanes, HardTanhFloat>(layer, l, z, h); break;
            case Activation.Maxout: ActivateMaxout<TLanes>(layer, l, z, h); break;
            case Activation.Linear: Activate<TLanes, LinearFloat>(layer, l, z, h); break;
            default: throw new InvalidOperationException($"no float rule for {layer.Activation}");
        }
    }

    private void Activate<TLanes, TRule>(Layer layer, int l, ReadOnlySpan<float> z, Span<float> h)
        where TLanes : struct, IFloatLanes<TLanes>
        where TRule : struct, IFloatRule
    {
        var lanes = TLanes.Count;
        var layout = network.Layout;
        var firstSlot = layout.FirstSlot(l);
        var firstRow = bounds.FirstRow(l);
        var piecewise = layer.IsPiecewise;
        var bits = layer.BitsPerUnit;
        ref var zBase = ref MemoryMarshal.GetReference(z);
        ref var hBase = ref MemoryMarshal.GetReference(h);
        ref var decidedBase = ref MemoryMarshal.GetArrayDataReference(decided);
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            var slope = TLanes.Broadcast((float)layer.SlopeOf(u));
            var error = TLanes.Broadcast(rowErrors[firstRow + u]);
            var (word, shift) = piecewise ? layout.Slots[firstSlot + u] : (0, 0);
            for (var v = 0; v < extent; v += lanes)
            {
                var value = TRule.Apply(TLanes.Load(ref zBase, (nuint)(u * batch + v)), slope, error, out var state, out var ok);
                TLanes.Store(value, ref hBase, (nuint)(u * batch + v));
                if (!piecewise) continue;
                OrState(state, word, shift, bits, v);
                TLanes.AndInto(ok, ref decidedBase, (nuint)v);
            }
        }
    }

    /// <summary>
    /// maxout: the lowest index of the largest row. The float winner is the double winner where it beats the runner-up
    /// by more than twice the group's largest error bound; fl(best - second) &gt; 2e implies best - second &gt; 2e, as rounding is monotone.
    /// </summary>
    private void ActivateMaxout<TLanes>(Layer layer, int l, ReadOnlySpan<float> z, Span<float> h) where TLanes : struct, IFloatLanes<TLanes>
    {
        var lanes = TLanes.Count;
        var layout = network.Layout;
        var firstSlot = layout.FirstSlot(l);
        var firstRow = bounds.FirstRow(l);
        var rank = layer.Rank;
        var bits = layer.BitsPerUnit;
        ref var zBase = ref MemoryMarshal.GetReference(z);
        ref var hBase = ref MemoryMarshal.GetReference(h);
        ref var decidedBase = ref MemoryMarshal.GetArrayDataReference(decided);
        for (var u = 0; u < layer.ActivationUnits; u++)
        {
            var largest = 0f;
            for (var r = 0; r < rank; r++) largest = MathF.Max(largest, rowErrors[firstRow + u * rank + r]);
            var gap = TLanes.Broadcast(2 * largest);
            var (word, shift) = layout.Slots[firstSlot + u];
            for (var v = 0; v < extent; v += lanes)
            {
                var best = TLanes.Load(ref zBase, (nuint)(u * rank * batch + v));
                var second = TLanes.Broadcast(float.NegativeInfinity);
                var state = TLanes.BroadcastBits(0);
                for (var r = 1; r < rank; r++)
                {
                    var candidate = TLanes.Load(ref zBase, (nuint)((u * rank + r) * batch + v));
                    var greater = TLanes.GreaterThan(candidate, best);
                    second = TLanes.Select(greater, best, TLanes.Max(second, candidate));
                    best = TLanes.Select(greater, candidate, best);
                    state = TLanes.Select(greater, TLanes.BroadcastBits((uint)r), state);
                }
                TLanes.Store(best, ref hBase, (nuint)(u * batch + v));
                OrState(state, word, shift, bits, v);
                TLanes.AndInto(TLanes.GreaterThan(TLanes.Subtract(best, second), gap), ref decidedBase, (nuint)v);
            }
        }
    }

    /// <summary>ORs a unit's state into the 32-bit halves of its 64-bit word; a state that straddles the halves goes into both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OrState<TLanes>(TLanes state, int word, int shift, int bits, int v) where TLanes : struct, IFloatLanes<TLanes>
    {
        ref var halvesBase = ref MemoryMarshal.GetArrayDataReference(halves);
        var within = shift & 31;
        var offset = (nuint)((2 * word + (shift >> 5)) * batch + v);
        TLanes.OrShiftedLeft(state, within, ref halvesBase, offset);
        if (within + bits > 32) TLanes.OrShiftedRight(state, 32 - within, ref halvesBase, offset + (nuint)batch);
    }
}
