using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// The lane operations of the float pass, for one register width (as <see cref="ILanes{TSelf}"/> is for the double
/// path): <see cref="FloatVectorLanes"/> (<see cref="Vector{T}"/>) and <see cref="Float512Lanes"/> (where the CPU has
/// 512-bit vectors, as the double path then uses them). Masks and integer states travel as the lanes' raw bits.
/// </summary>
internal interface IFloatLanes<TSelf> : IMultiplyAddLanes<TSelf, float> where TSelf : struct, IFloatLanes<TSelf>
{
    /// <summary>Lanes whose raw bits are the integer <paramref name="bits"/>.</summary>
    static abstract TSelf BroadcastBits(uint bits);

    /// <summary>Count doubles from <paramref name="source"/>, rounded to floats.</summary>
    static abstract TSelf Narrow(ref double source, nuint offset);

    static abstract TSelf Multiply(TSelf a, TSelf b);

    static abstract TSelf Subtract(TSelf a, TSelf b);

    static abstract TSelf Negate(TSelf a);

    static abstract TSelf Abs(TSelf a);

    static abstract TSelf Max(TSelf a, TSelf b);

    static abstract TSelf GreaterThan(TSelf a, TSelf b);

    static abstract TSelf LessThan(TSelf a, TSelf b);

    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    static abstract TSelf And(TSelf a, TSelf b);

    /// <summary>ORs each lane's raw bits shifted left by <paramref name="shift"/> (0..31) into 32-bit halves.</summary>
    static abstract void OrShiftedLeft(TSelf state, int shift, ref uint halves, nuint offset);

    /// <summary>ORs each lane's raw bits shifted right by <paramref name="shift"/> into 32-bit halves (the part of a state that spills into the next half).</summary>
    static abstract void OrShiftedRight(TSelf state, int shift, ref uint halves, nuint offset);

    /// <summary>ANDs a mask into the per-point decided flags.</summary>
    static abstract void AndInto(TSelf mask, ref int decided, nuint offset);
}

internal readonly struct FloatVectorLanes(Vector<float> value) : IFloatLanes<FloatVectorLanes>
{
    private readonly Vector<float> value = value;

    public static int Count => Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Broadcast(float value) => new(new Vector<float>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes BroadcastBits(uint bits) => new(Vector.AsVectorSingle(new Vector<uint>(bits)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Load(ref float source, nuint offset) => new(Vector.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(FloatVectorLanes value, ref float destination, nuint offset) => value.value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Narrow(ref double source, nuint offset) =>
        new(Vector.Narrow(Vector.LoadUnsafe(ref source, offset), Vector.LoadUnsafe(ref source, offset + (nuint)Vector<double>.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes MultiplyAdd(FloatVectorLanes a, FloatVectorLanes b, FloatVectorLanes addend) => new(Vector.FusedMultiplyAdd(a.value, b.value, addend.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Multiply(FloatVectorLanes a, FloatVectorLanes b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Subtract(FloatVectorLanes a, FloatVectorLanes b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Negate(FloatVectorLanes a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Abs(FloatVectorLanes a) => new(Vector.Abs(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Max(FloatVectorLanes a, FloatVectorLanes b) => new(Vector.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes GreaterThan(FloatVectorLanes a, FloatVectorLanes b) => new(Vector.AsVectorSingle(Vector.GreaterThan(a.value, b.value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes LessThan(FloatVectorLanes a, FloatVectorLanes b) => new(Vector.AsVectorSingle(Vector.LessThan(a.value, b.value)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes Select(FloatVectorLanes mask, FloatVectorLanes whenTrue, FloatVectorLanes whenFalse) =>
        new(Vector.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVectorLanes And(FloatVectorLanes a, FloatVectorLanes b) => new(a.value & b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrShiftedLeft(FloatVectorLanes state, int shift, ref uint halves, nuint offset) =>
        (Vector.LoadUnsafe(ref halves, offset) | Vector.ShiftLeft(Vector.AsVectorUInt32(state.value), shift)).StoreUnsafe(ref halves, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrShiftedRight(FloatVectorLanes state, int shift, ref uint halves, nuint offset) =>
        (Vector.LoadUnsafe(ref halves, offset) | Vector.ShiftRightLogical(Vector.AsVectorUInt32(state.value), shift)).StoreUnsafe(ref halves, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AndInto(FloatVectorLanes mask, ref int decided, nuint offset) =>
        (Vector.LoadUnsafe(ref decided, offset) & Vector.AsVectorInt32(mask.value)).StoreUnsafe(ref decided, offset);
}

internal readonly struct Float512Lanes(Vector512<float> value) : IFloatLanes<Float512Lanes>
{
    private readonly Vector512<float> value = value;

    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes BroadcastBits(uint bits) => new(Vector512.Create(bits).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Load(ref float source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float512Lanes value, ref float destination, nuint offset) => value.value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Narrow(ref double source, nuint offset) =>
        new(Vector512.Narrow(Vector512.LoadUnsafe(ref source, offset), Vector512.LoadUnsafe(ref source, offset + (nuint)Vector512<double>.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes MultiplyAdd(Float512Lanes a, Float512Lanes b, Float512Lanes addend) => new(Vector512.FusedMultiplyAdd(a.value, b.value, addend.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Multiply(Float512Lanes a, Float512Lanes b) => new(a.value * b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Subtract(Float512Lanes a, Float512Lanes b) => new(a.value - b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Negate(Float512Lanes a) => new(-a.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Abs(Float512Lanes a) => new(Vector512.Abs(a.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Max(Float512Lanes a, Float512Lanes b) => new(Vector512.Max(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes GreaterThan(Float512Lanes a, Float512Lanes b) => new(Vector512.GreaterThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes LessThan(Float512Lanes a, Float512Lanes b) => new(Vector512.LessThan(a.value, b.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes Select(Float512Lanes mask, Float512Lanes whenTrue, Float512Lanes whenFalse) =>
        new(Vector512.ConditionalSelect(mask.value, whenTrue.value, whenFalse.value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512Lanes And(Float512Lanes a, Float512Lanes b) => new(a.value & b.value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrShiftedLeft(Float512Lanes state, int shift, ref uint halves, nuint offset) =>
        (Vector512.LoadUnsafe(ref halves, offset) | Vector512.ShiftLeft(state.value.AsUInt32(), shift)).StoreUnsafe(ref halves, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OrShiftedRight(Float512Lanes state, int shift, ref uint halves, nuint offset) =>
        (Vector512.LoadUnsafe(ref halves, offset) | Vector512.ShiftRightLogical(state.value.AsUInt32(), shift)).StoreUnsafe(ref halves, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AndInto(Float512Lanes mask, ref int decided, nuint offset) =>
        (Vector512.LoadUnsafe(ref decided, offset) & mask.value.AsInt32()).StoreUnsafe(ref decided, offset);
}
