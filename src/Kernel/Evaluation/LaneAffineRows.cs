using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The lane operations a batch of affine rows needs, at one element type and register width: what the double path
/// (<see cref="ILanes{TSelf}"/>) and the float pass (<see cref="Screening.IFloatLanes{TSelf}"/>) have in common.
/// </summary>
internal interface IMultiplyAddLanes<TSelf, T> where TSelf : struct, IMultiplyAddLanes<TSelf, T> where T : unmanaged
{
    static abstract int Count { get; }

    static abstract TSelf Broadcast(T value);

    static abstract TSelf Load(ref T source, nuint offset);

    static abstract void Store(TSelf value, ref T destination, nuint offset);

    /// <summary>a * b + addend with one rounding (fused).</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);
}

/// <summary>
/// A layer's pre-activations across a batch of points, in either precision: one loop, so that the float pass sums
/// exactly as the double path does (the order its error bound assumes), specialised by the JIT per lane type.
/// </summary>
internal static class LaneAffineRows
{
    /// <summary>
    /// z[r] = b[r] + sum_j w[r,j] * in[j] for the <paramref name="extent"/> computed lanes of a batch (point p of
    /// row j at j * batch + p), one fused multiply-add per term in column order.
    /// </summary>
    public static void Apply<TLanes, T>(ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, int rows, int columns, ReadOnlySpan<T> input, Span<T> z, int batch, int extent)
        where TLanes : struct, IMultiplyAddLanes<TLanes, T> where T : unmanaged
    {
        var lanes = TLanes.Count;
        ref var inBase = ref MemoryMarshal.GetReference(input);
        ref var zBase = ref MemoryMarshal.GetReference(z);
        var r = 0;
        // Two rows at a time: each input vector loaded feeds two fused multiply-adds.
        for (; r + 2 <= rows; r += 2)
        {
            var bias0 = TLanes.Broadcast(biases[r]);
            var bias1 = TLanes.Broadcast(biases[r + 1]);
            var row0 = weights.Slice(r * columns, columns);
            var row1 = weights.Slice((r + 1) * columns, columns);
            ref var z0 = ref Unsafe.Add(ref zBase, r * batch);
            ref var z1 = ref Unsafe.Add(ref zBase, (r + 1) * batch);
            var v = 0;
            // Eight independent accumulators hide the FMA latency; the sum order per point is unchanged.
            for (; v + 4 * lanes <= extent; v += 4 * lanes)
            {
                TLanes a0 = bias0, a1 = bias0, a2 = bias0, a3 = bias0;
                TLanes c0 = bias1, c1 = bias1, c2 = bias1, c3 = bias1;
                for (var j = 0; j < columns; j++)
                {
                    var w0 = TLanes.Broadcast(row0[j]);
                    var w1 = TLanes.Broadcast(row1[j]);
                    ref var x = ref Unsafe.Add(ref inBase, j * batch + v);
                    var x0 = TLanes.Load(ref x, 0);
                    var x1 = TLanes.Load(ref x, (nuint)lanes);
                    var x2 = TLanes.Load(ref x, (nuint)(2 * lanes));
                    var x3 = TLanes.Load(ref x, (nuint)(3 * lanes));
                    a0 = TLanes.MultiplyAdd(w0, x0, a0);
                    a1 = TLanes.MultiplyAdd(w0, x1, a1);
                    a2 = TLanes.MultiplyAdd(w0, x2, a2);
                    a3 = TLanes.MultiplyAdd(w0, x3, a3);
                    c0 = TLanes.MultiplyAdd(w1, x0, c0);
                    c1 = TLanes.MultiplyAdd(w1, x1, c1);
                    c2 = TLanes.MultiplyAdd(w1, x2, c2);
                    c3 = TLanes.MultiplyAdd(w1, x3, c3);
                }
                TLanes.Store(a0, ref z0, (nuint)v);
                TLanes.Store(a1, ref z0, (nuint)(v + lanes));
                TLanes.Store(a2, ref z0, (nuint)(v + 2 * lanes));
                TLanes.Store(a3, ref z0, (nuint)(v + 3 * lanes));
                TLanes.Store(c0, ref z1, (nuint)v);
                TLanes.Store(c1, ref z1, (nuint)(v + lanes));
                TLanes.Store(c2, ref z1, (nuint)(v + 2 * lanes));
                TLanes.Store(c3, ref z1, (nuint)(v + 3 * lanes));
            }
            for (; v < extent; v += lanes)
            {
                TLanes a = bias0, c = bias1;
                for (var j = 0; j < columns; j++)
                {
                    var x = TLanes.Load(ref Unsafe.Add(ref inBase, j * batch + v), 0);
                    a = TLanes.MultiplyAdd(TLanes.Broadcast(row0[j]), x, a);
                    c = TLanes.MultiplyAdd(TLanes.Broadcast(row1[j]), x, c);
                }
                TLanes.Store(a, ref z0, (nuint)v);
                TLanes.Store(c, ref z1, (nuint)v);
            }
        }
        for (; r < rows; r++)
        {
            var bias = TLanes.Broadcast(biases[r]);
            var row = weights.Slice(r * columns, columns);
            ref var zRow = ref Unsafe.Add(ref zBase, r * batch);
            for (var v = 0; v < extent; v += lanes)
            {
                var acc = bias;
                for (var j = 0; j < columns; j++)
                    acc = TLanes.MultiplyAdd(TLanes.Broadcast(row[j]), TLanes.Load(ref Unsafe.Add(ref inBase, j * batch + v), 0), acc);
                TLanes.Store(acc, ref zRow, (nuint)v);
            }
        }
    }
}
