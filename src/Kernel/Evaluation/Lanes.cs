using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// The lane operations the generic evaluator is written in, for one register width. The evaluator's loops
/// are generic over a struct implementing this, so the JIT compiles one specialised copy per width with the
/// calls inlined: <see cref="VectorLanes"/> (<see cref="Vector{T}"/>, which the runtime keeps at 256 bits
/// even on AVX-512 machines) and <see cref="Vector512Lanes"/> (used when the CPU has 512-bit vectors).
/// Every operation is lane-wise IEEE arithmetic, so both widths give the same bits.
/// </summary>
internal interface ILanes<TSelf> : IMultiplyAddLanes<TSelf, double> where TSelf : struct, ILanes<TSelf>
{
    static abstract TSelf Multiply(TSelf a, TSelf b);

    static abstract TSelf Negate(TSelf a);

    /// <summary>All bits set in the lanes where a &gt; b (false for NaN, as the scalar comparison).</summary>
    static abstract TSelf GreaterThan(TSelf a, TSelf b);

    static abstract TSelf LessThan(TSelf a, TSelf b);

    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>ORs each lane's state (a small non-negative integer held as a double) shifted left by <paramref name="shift"/> into the words.</summary>
    static abstract void OrState(TSelf state, int shift, ref ulong words, nuint offset);
}

internal readonly struct VectorLanes(Vector<double> value) : ILanes<VectorLanes>
{
    private readonly Vector<double> value = value;

    public static int Count => Vector<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Broadcast(double value) => new(new Vector<double>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Load(ref double source, nuint offset) => new(Vector.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(VectorLanes value, ref double destination, nuint offset) => value.value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes MultiplyAdd(VectorLanes a, VectorLanes b, VectorLanes addend) => new(Vector.FusedMultiplyAdd(a.value, b.value, addend.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Multiply(VectorLanes a, VectorLanes b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Negate(VectorLanes a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes GreaterThan(VectorLanes a, VectorLanes b) => new(Vector.AsVectorDouble(Vector.GreaterThan(a.value, b.value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes LessThan(VectorLanes a, VectorLanes b) => new(Vector.AsVectorDouble(Vector.LessThan(a.value, b.value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Select(VectorLanes mask, VectorLanes whenTrue, VectorLanes whenFalse) =>
        new(Vector.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrState(VectorLanes state, int shift, ref ulong words, nuint offset) =>
        (Vector.LoadUnsafe(ref words, offset) | Vector.ShiftLeft(Vector.ConvertToUInt64(state.value), shift)).StoreUnsafe(ref words, offset);
}

internal readonly struct Vector512Lanes(Vector512<double> value) : ILanes<Vector512Lanes>
{
    private readonly Vector512<double> value = value;

    public static int Count => Vector512<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Broadcast(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Load(ref double source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512Lanes value, ref double destination, nuint offset) => value.value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes MultiplyAdd(Vector512Lanes a, Vector512Lanes b, Vector512Lanes addend) => new(Vector512.FusedMultiplyAdd(a.value, b.value, addend.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Multiply(Vector512Lanes a, Vector512Lanes b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Negate(Vector512Lanes a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes GreaterThan(Vector512Lanes a, Vector512Lanes b) => new(Vector512.GreaterThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes LessThan(Vector512Lanes a, Vector512Lanes b) => new(Vector512.LessThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Select(Vector512Lanes mask, Vector512Lanes whenTrue, Vector512Lanes whenFalse) =>
        new(Vector512.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrState(Vector512Lanes state, int shift, ref ulong words, nuint offset) =>
        (Vector512.LoadUnsafe(ref words, offset) | Vector512.ShiftLeft(Vector512.ConvertToUInt64(state.value), shift)).StoreUnsafe(ref words, offset);
}
