using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// The generic evaluator's single-precision pass: the same rows and rules as <see cref="SimdEvaluator"/>, in
/// <see cref="Vector{T}"/> of floats (twice the points per vector), with each unit's state accepted only where its
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

    /// <summary>Points per float vector.</summary>
    public static int Lanes => Vector<float>.Count;

    /// <summary>The screen of a network for batches of <paramref name="batch"/> points, or null when none applies (see <see cref="ScreeningBounds.Of"/>).</summary>
    public static FloatScreen? For(Network network, int batch) =>
        batch % Lanes == 0 && batch % Vector<double>.Count == 0 && ScreeningBounds.Of(network) is { } bounds ? new FloatScreen(network, bounds, batch) : null;

    /// <summary>
    /// Writes the patterns of the first <paramref name="count"/> points, and lists in <paramref name="undecided"/> the
    /// points whose patterns it could not decide (their words are left unspecified). Returns how many it listed.
    /// </summary>
    public int Evaluate(ReadOnlySpan<double> points, int count, Span<ulong> patterns, Span<int> undecided)
    {
        var largest = Convert(points, count);
        if (!bounds.RowBounds(largest, rowErrors))
        {
            for (var p = 0; p < count; p++) undecided[p] = p;
            return count;
        }
        Array.Clear(halves);
        Array.Fill(decided, -1);
        // Only the vectors holding the count points are computed: lanes are independent.
        extent = Math.Min(batch, (count + Lanes - 1) / Lanes * Lanes);
        ReadOnlySpan<float> input = inputs;
        var output = activationsA;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = preActivations.AsSpan(0, layer.Rows * batch);
            AffineRows(weights[l], biases[l], layer.Rows, layer.Columns, input, z);
            var h = output.AsSpan(0, layer.Units * batch);
            Activate(layer, l, z, h);
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

    /// <summary>Rounds the batch to floats; returns the largest magnitude of the first <paramref name="count"/> points' coordinates (NaN if any is NaN).</summary>
    private double Convert(ReadOnlySpan<double> points, int count)
    {
        var doubleLanes = Vector<double>.Count;
        ref var source = ref MemoryMarshal.GetReference(points);
        ref var target = ref MemoryMarshal.GetArrayDataReference(inputs);
        for (var i = 0; i < inputs.Length; i += 2 * doubleLanes)
        {
            var low = Vector.LoadUnsafe(ref source, (nuint)i);
            var high = Vector.LoadUnsafe(ref source, (nuint)(i + doubleLanes));
            Vector.Narrow(low, high).StoreUnsafe(ref target, (nuint)i);
        }
        return ScreeningBounds.Largest(points, network.Inputs, batch, count);
    }

    /// <summary>z[r] = b[r] + sum_j w[r,j] * in[j] in float, fused multiply-adds in column order (the order does not matter to the bound).</summary>
    private void AffineRows(float[] w, float[] b, int rows, int columns, ReadOnlySpan<float> input, Span<float> z)
    {
        var lanes = Lanes;
        ref var inBase = ref MemoryMarshal.GetReference(input);
        ref var zBase = ref MemoryMarshal.GetReference(z);
        var r = 0;
        for (; r + 2 <= rows; r += 2)
        {
            var bias0 = new Vector<float>(b[r]);
            var bias1 = new Vector<float>(b[r + 1]);
            var row0 = w.AsSpan(r * columns, columns);
            var row1 = w.AsSpan((r + 1) * columns, columns);
            ref var z0 = ref Unsafe.Add(ref zBase, r * batch);
            ref var z1 = ref Unsafe.Add(ref zBase, (r + 1) * batch);
            var v = 0;
            for (; v + 4 * lanes <= extent; v += 4 * lanes)
            {
                Vector<float> a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0;
                Vector<float> c0 = bias1, c1 = bias1, c2 = bias1, c3 = bias1;
                for (var j = 0; j < columns; j++)
                {
                    var w0 = new Vector<float>(row0[j]);
                    var w1 = new Vector<float>(row1[j]);
                    ref var x = ref Unsafe.Add(ref inBase, j * batch + v);
                    var x0 = Vector.LoadUnsafe(ref x, 0);
                    var x1 = Vector.LoadUnsafe(ref x, (nuint)lanes);
                    var x2 = Vector.LoadUnsafe(ref x, (nuint)(2 * lanes));
                    var x3 = Vector.LoadUnsafe(ref x, (nuint)(3 * lanes));
                    a0 = Vector.FusedMultiplyAdd(w0, x0, a0);
                    a1 = Vector.FusedMultiplyAdd(w0, x1, a1);
                    a2 = Vector.FusedMultiplyAdd(w0, x2, a2);
                    a3 = Vector.FusedMultiplyAdd(w0, x3, a3);
                    c0 = Vector.FusedMultiplyAdd(w1, x0, c0);
                    c1 = Vector.FusedMultiplyAdd(w1, x1, c1);
                    c2 = Vector.FusedMultiplyAdd(w1, x2, c2);
                    c3 = Vector.FusedMultiplyAdd(w1, x3, c3);
                }
                a0.StoreUnsafe(ref z0, (nuint)v);
                a1.StoreUnsafe(ref z0, (nuint)(v + lanes));
                a2.StoreUnsafe(ref z0, (nuint)(v + 2 * lanes));
                a3.StoreUnsafe(ref z0, (nuint)(v + 3 * lanes));
                c0.StoreUnsafe(ref z1, (nuint)v);
                c1.StoreUnsafe(ref z1, (nuint)(v + lanes));
                c2.StoreUnsafe(ref z1, (nuint)(v + 2 * lanes));
                c3.StoreUnsafe(ref z1, (nuint)(v + 3 * lanes));
            }
            for (; v < extent; v += lanes)
            {
                Vector<float> a = bias0, c = bias1;
                for (var j = 0; j < columns; j++)
                {
                    var x = Vector.LoadUnsafe(ref Unsafe.Add(ref inBase, j * batch + v));
                    a = Vector.FusedMultiplyAdd(new Vector<float>(row0[j]), x, a);
                    c = Vector.FusedMultiplyAdd(new Vector<float>(row1[j]), x, c);
                }
                a.StoreUnsafe(ref z0, (nuint)v);
                c.StoreUnsafe(ref z1, (nuint)v);
            }
        }
        for (; r < rows; r++)
        {
            var bias = new Vector<float>(b[r]);
            var row = w.AsSpan(r * columns, columns);
            ref var zRow = ref Unsafe.Add(ref zBase, r * batch);
            for (var v = 0; v < extent; v += lanes)
            {
                var acc = bias;
                for (var j = 0; j < columns; j++)
                    acc = Vector.FusedMultiplyAdd(new Vector<float>(row[j]), Vector.LoadUnsafe(ref Unsafe.Add(ref inBase, j * batch + v)), acc);
                acc.StoreUnsafe(ref zRow, (nuint)v);
            }
        }
    }

    private void Activate(Layer layer, int l, ReadOnlySpan<float> z, Span<float> h)
    {
        switch (layer.Activation)
        {
            case Activation.Relu: Activate<OnAboveZeroFloat<ReluOff>>(layer, l, z, h); break;
            case Activation.LeakyRelu: Activate<OnAboveZeroFloat<LeakyOff>>(layer, l, z, h); break;
            case Activation.Abs: Activate<OnAboveZeroFloat<AbsOff>>(layer, l, z, h); break;
            case Activation.HardTanh: Activate<HardTanhFloat>(layer, l, z, h); break;
            case Activation.Maxout: ActivateMaxout(layer, l, z, h); break;
            case Activation.Linear: Activate<LinearFloat>(layer, l, z, h); break;
            default: throw new InvalidOperationException($"no float rule for {layer.Activation}");
        }
    }

    private void Activate<TRule>(Layer layer, int l, ReadOnlySpan<float> z, Span<float> h) where TRule : struct, IFloatRule
    {
        var lanes = Lanes;
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
            var slope = new Vector<float>((float)layer.SlopeOf(u));
            var error = new Vector<float>(rowErrors[firstRow + u]);
            var (word, shift) = piecewise ? layout.Slots[firstSlot + u] : (0, 0);
            for (var v = 0; v < extent; v += lanes)
            {
                var value = TRule.Apply(Vector.LoadUnsafe(ref zBase, (nuint)(u * batch + v)), slope, error, out var state, out var ok);
                value.StoreUnsafe(ref hBase, (nuint)(u * batch + v));
                if (!piecewise) continue;
                OrState(state, word, shift, bits, v);
                (Vector.LoadUnsafe(ref decidedBase, (nuint)v) & ok).StoreUnsafe(ref decidedBase, (nuint)v);
            }
        }
    }

    /// <summary>
    /// maxout: the lowest index of the largest row. The float winner is the double winner where it beats the runner-up
    /// by more than twice the group's largest error bound; fl(best - second) &gt; 2e implies best - second &gt; 2e, as rounding is monotone.
    /// </summary>
    private void ActivateMaxout(Layer layer, int l, ReadOnlySpan<float> z, Span<float> h)
    {
        var lanes = Lanes;
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
            var gap = new Vector<float>(2 * largest);
            var (word, shift) = layout.Slots[firstSlot + u];
            for (var v = 0; v < extent; v += lanes)
            {
                var best = Vector.LoadUnsafe(ref zBase, (nuint)(u * rank * batch + v));
                var second = new Vector<float>(float.NegativeInfinity);
                var state = Vector<uint>.Zero;
                for (var r = 1; r < rank; r++)
                {
                    var candidate = Vector.LoadUnsafe(ref zBase, (nuint)((u * rank + r) * batch + v));
                    var greater = Vector.GreaterThan(candidate, best);
                    second = Vector.ConditionalSelect(greater, best, Vector.Max(second, candidate));
                    best = Vector.ConditionalSelect(greater, candidate, best);
                    state = Vector.ConditionalSelect(Vector.AsVectorUInt32(greater), new Vector<uint>((uint)r), state);
                }
                best.StoreUnsafe(ref hBase, (nuint)(u * batch + v));
                OrState(state, word, shift, bits, v);
                var ok = Vector.GreaterThan(best - second, gap);
                (Vector.LoadUnsafe(ref decidedBase, (nuint)v) & ok).StoreUnsafe(ref decidedBase, (nuint)v);
            }
        }
    }

    /// <summary>ORs a unit's state into the 32-bit halves of its 64-bit word; a state that straddles the halves goes into both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OrState(Vector<uint> state, int word, int shift, int bits, int v)
    {
        ref var halvesBase = ref MemoryMarshal.GetArrayDataReference(halves);
        var half = 2 * word + (shift >> 5);
        var within = shift & 31;
        var offset = (nuint)(half * batch + v);
        (Vector.LoadUnsafe(ref halvesBase, offset) | Vector.ShiftLeft(state, within)).StoreUnsafe(ref halvesBase, offset);
        if (within + bits > 32)
        {
            var next = offset + (nuint)batch;
            (Vector.LoadUnsafe(ref halvesBase, next) | Vector.ShiftRightLogical(state, 32 - within)).StoreUnsafe(ref halvesBase, next);
        }
    }
}
