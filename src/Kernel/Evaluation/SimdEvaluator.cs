using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The generic vectorised evaluator: any architecture, points across <see cref="Vector{T}"/> lanes.
/// Each pre-activation is the bias followed by fused multiply-adds in column order, and every
/// comparison mirrors <see cref="UnitState"/>, so the patterns equal the interpreter's bit for bit.
/// Steady-state evaluation allocates nothing.
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

    public SimdEvaluator(Network network, int batchCapacity = DefaultBatch)
    {
        var lanes = Vector<double>.Count;
        if (batchCapacity < lanes || batchCapacity % lanes != 0)
            throw new ArgumentException($"batch capacity must be a positive multiple of {lanes}", nameof(batchCapacity));
        this.network = network;
        BatchCapacity = batchCapacity;
        var width = network.Layers.Max(l => Math.Max(l.Units, l.Columns));
        activationsA = new double[width * batchCapacity];
        activationsB = new double[width * batchCapacity];
        preActivations = new double[network.Layers.Max(l => l.Rows) * batchCapacity];
        words = new ulong[network.Layout.Words * batchCapacity];
    }

    public Network Network => network;

    public int BatchCapacity { get; }

    public void EvaluatePatterns(ReadOnlySpan<double> points, int count, Span<ulong> patterns)
    {
        var batch = BatchCapacity;
        if (count < 0 || count > batch) throw new ArgumentOutOfRangeException(nameof(count));
        if (points.Length < network.Inputs * batch) throw new ArgumentException("points buffer smaller than inputs x batch", nameof(points));
        var words = network.Layout.Words;
        Array.Clear(this.words);

        ReadOnlySpan<double> input = points[..(network.Inputs * batch)];
        var output = activationsA;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = preActivations.AsSpan(0, layer.Rows * batch);
            AffineRows(layer, input, z, batch);
            var h = output.AsSpan(0, layer.Units * batch);
            Activate(layer, l, z, h, batch);
            input = h;
            output = output == activationsA ? activationsB : activationsA;
        }
        for (var p = 0; p < count; p++)
        {
            for (var w = 0; w < words; w++) patterns[p * words + w] = this.words[w * batch + p];
        }
    }

    /// <summary>z[r] = b[r] + sum_j w[r,j] * in[j], one FMA per term in column order, across the batch.</summary>
    private static void AffineRows(Layer layer, ReadOnlySpan<double> input, Span<double> z, int batch)
    {
        var lanes = Vector<double>.Count;
        var weights = layer.Weights;
        var biases = layer.Biases;
        var columns = layer.Columns;
        ref var inBase = ref MemoryMarshal.GetReference(input);
        ref var zBase = ref MemoryMarshal.GetReference(z);
        var r = 0;
        // Two rows at a time: each input vector loaded feeds two fused multiply-adds.
        for (; r + 2 <= layer.Rows; r += 2)
        {
            var bias0 = new Vector<double>(biases[r]);
            var bias1 = new Vector<double>(biases[r + 1]);
            var row0 = weights.Slice(r * columns, columns);
            var row1 = weights.Slice((r + 1) * columns, columns);
            ref var z0 = ref Unsafe.Add(ref zBase, r * batch);
            ref var z1 = ref Unsafe.Add(ref zBase, (r + 1) * batch);
            var v = 0;
            // Eight independent accumulators hide the FMA latency; the sum order per point is unchanged.
            for (; v + 4 * lanes <= batch; v += 4 * lanes)
            {
                Vector<double> a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0;
                Vector<double> c0 = bias1, c1 = bias1, c2 = bias1, c3 = bias1;
                for (var j = 0; j < columns; j++)
                {
                    var w0 = new Vector<double>(row0[j]);
                    var w1 = new Vector<double>(row1[j]);
                    ref var x = ref Unsafe.Add(ref inBase, j * batch + v);
                    var x0 = Vector.LoadUnsafe(ref x);
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
            for (; v < batch; v += lanes)
            {
                Vector<double> a = bias0, c = bias1;
                for (var j = 0; j < columns; j++)
                {
                    var x = Vector.LoadUnsafe(ref Unsafe.Add(ref inBase, j * batch + v));
                    a = Vector.FusedMultiplyAdd(new Vector<double>(row0[j]), x, a);
                    c = Vector.FusedMultiplyAdd(new Vector<double>(row1[j]), x, c);
                }
                a.StoreUnsafe(ref z0, (nuint)v);
                c.StoreUnsafe(ref z1, (nuint)v);
            }
        }
        for (; r < layer.Rows; r++)
        {
            var bias = new Vector<double>(biases[r]);
            var row = weights.Slice(r * columns, columns);
            ref var zRow = ref Unsafe.Add(ref zBase, r * batch);
            for (var v = 0; v < batch; v += lanes)
            {
                var acc = bias;
                for (var j = 0; j < columns; j++)
                    acc = Vector.FusedMultiplyAdd(new Vector<double>(row[j]), Vector.LoadUnsafe(ref Unsafe.Add(ref inBase, j * batch + v)), acc);
                acc.StoreUnsafe(ref zRow, (nuint)v);
            }
        }
    }

    private void Activate(Layer layer, int layerIndex, ReadOnlySpan<double> z, Span<double> h, int batch)
    {
        var lanes = Vector<double>.Count;
        var layout = network.Layout;
        var firstSlot = layout.FirstSlot(layerIndex);
        var zero = Vector<double>.Zero;
        var one = Vector<double>.One;
        for (var u = 0; u < layer.Units; u++)
        {
            var (word, shift) = layer.IsPiecewise ? layout.Slots[firstSlot + u] : (0, 0);
            for (var v = 0; v < batch; v += lanes)
            {
                Vector<double> value;
                Vector<long> state;
                switch (layer.Activation)
                {
                    case Activation.Linear:
                        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(z), (nuint)(u * batch + v)).StoreUnsafe(ref MemoryMarshal.GetReference(h), (nuint)(u * batch + v));
                        continue;
                    case Activation.Maxout:
                        (value, state) = MaxoutGroup(z, u * layer.Rank, layer.Rank, v, batch);
                        break;
                    default:
                        var x = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(z), (nuint)(u * batch + v));
                        var on = Vector.GreaterThan(x, zero);
                        switch (layer.Activation)
                        {
                            case Activation.Relu:
                                value = Vector.ConditionalSelect(on, x, zero);
                                state = -on;
                                break;
                            case Activation.LeakyRelu:
                                value = Vector.ConditionalSelect(on, x, x * new Vector<double>(layer.Slope));
                                state = -on;
                                break;
                            case Activation.Abs:
                                value = Vector.ConditionalSelect(on, x, -x);
                                state = -on;
                                break;
                            default: // HardTanh
                                var below = Vector.LessThan(x, -one);
                                var above = Vector.GreaterThan(x, one);
                                value = Vector.ConditionalSelect(below, -one, Vector.ConditionalSelect(above, one, x));
                                state = Vector<long>.One + below - above;
                                break;
                        }
                        break;
                }
                value.StoreUnsafe(ref MemoryMarshal.GetReference(h), (nuint)(u * batch + v));
                ref var bits = ref words[word * batch + v];
                (Vector.LoadUnsafe(ref bits) | Vector.ShiftLeft(Vector.AsVectorUInt64(state), shift)).StoreUnsafe(ref bits);
            }
        }
    }

    private static (Vector<double> Value, Vector<long> State) MaxoutGroup(ReadOnlySpan<double> z, int firstRow, int rank, int v, int batch)
    {
        ref var zBase = ref MemoryMarshal.GetReference(z);
        var best = Vector.LoadUnsafe(ref zBase, (nuint)(firstRow * batch + v));
        var index = Vector<long>.Zero;
        for (var r = 1; r < rank; r++)
        {
            var candidate = Vector.LoadUnsafe(ref zBase, (nuint)((firstRow + r) * batch + v));
            // Strictly greater keeps the lowest index on ties, as the spec says.
            var greater = Vector.GreaterThan(candidate, best);
            best = Vector.ConditionalSelect(greater, candidate, best);
            index = Vector.ConditionalSelect(greater, new Vector<long>(r), index);
        }
        return (best, index);
    }
}
