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
    }

    public Network Network => network;

    public int BatchCapacity { get; }

    public void EvaluatePatterns(ReadOnlySpan<double> points, int count, Span<ulong> patterns)
    {
        var batch = BatchCapacity;
        if (count < 0 || count > batch) throw new ArgumentOutOfRangeException(nameof(count));
        if (points.Length < network.Inputs * batch) throw new ArgumentException("points buffer smaller than inputs x batch", nameof(points));
        var words = network.Layout.Words;
        patterns[..(count * words)].Clear();

        ReadOnlySpan<double> input = points[..(network.Inputs * batch)];
        var output = activationsA;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            var z = preActivations.AsSpan(0, layer.Rows * batch);
            AffineRows(layer, input, z, batch);
            var h = output.AsSpan(0, layer.Units * batch);
            Activate(layer, l, z, h, patterns, count, words, batch);
            input = h;
            output = output == activationsA ? activationsB : activationsA;
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
        for (var r = 0; r < layer.Rows; r++)
        {
            var bias = new Vector<double>(biases[r]);
            var row = weights.Slice(r * columns, columns);
            ref var zRow = ref Unsafe.Add(ref zBase, r * batch);
            var v = 0;
            // Four independent accumulators hide the FMA latency; the sum order per point is unchanged.
            for (; v + 4 * lanes <= batch; v += 4 * lanes)
            {
                Vector<double> a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                for (var j = 0; j < columns; j++)
                {
                    var w = new Vector<double>(row[j]);
                    ref var x = ref Unsafe.Add(ref inBase, j * batch + v);
                    a0 = Vector.FusedMultiplyAdd(w, Vector.LoadUnsafe(ref x), a0);
                    a1 = Vector.FusedMultiplyAdd(w, Vector.LoadUnsafe(ref x, (nuint)lanes), a1);
                    a2 = Vector.FusedMultiplyAdd(w, Vector.LoadUnsafe(ref x, (nuint)(2 * lanes)), a2);
                    a3 = Vector.FusedMultiplyAdd(w, Vector.LoadUnsafe(ref x, (nuint)(3 * lanes)), a3);
                }
                a0.StoreUnsafe(ref zRow, (nuint)v);
                a1.StoreUnsafe(ref zRow, (nuint)(v + lanes));
                a2.StoreUnsafe(ref zRow, (nuint)(v + 2 * lanes));
                a3.StoreUnsafe(ref zRow, (nuint)(v + 3 * lanes));
            }
            for (; v < batch; v += lanes)
            {
                var acc = bias;
                for (var j = 0; j < columns; j++)
                    acc = Vector.FusedMultiplyAdd(new Vector<double>(row[j]), Vector.LoadUnsafe(ref Unsafe.Add(ref inBase, j * batch + v)), acc);
                acc.StoreUnsafe(ref zRow, (nuint)v);
            }
        }
    }

    private void Activate(Layer layer, int layerIndex, ReadOnlySpan<double> z, Span<double> h, Span<ulong> patterns, int count, int words, int batch)
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
                var lastLane = Math.Min(lanes, count - v);
                for (var i = 0; i < lastLane; i++)
                    patterns[(v + i) * words + word] |= (ulong)state[i] << shift;
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
