using System.Numerics;
using System.Runtime.CompilerServices;

namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// The single-precision form of a one-row kind's lane rule (<c>Regions.Kernel.Model.Units</c>), with the test that
/// the state it reads is the double state: the float pre-activation z lies more than its error bound e from every
/// breakpoint. The outputs only need to stay within the bounds of <see cref="ScreeningBounds"/>, not match any bits.
/// </summary>
internal interface IFloatRule
{
    /// <summary>The units' outputs; their states as integers; all bits set in the lanes whose state is decided.</summary>
    static abstract Vector<float> Apply(Vector<float> z, Vector<float> slope, Vector<float> error, out Vector<uint> state, out Vector<int> decided);
}

/// <summary>relu, leaky_relu, abs: on (1) where z &gt; 0. |z| &gt; e is an exact comparison of floats, and puts z_d on z's side of 0.</summary>
internal readonly struct OnAboveZeroFloat<TOff> : IFloatRule where TOff : struct, IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Apply(Vector<float> z, Vector<float> slope, Vector<float> error, out Vector<uint> state, out Vector<int> decided)
    {
        var on = Vector.GreaterThan(z, Vector<float>.Zero);
        state = Vector.AsVectorUInt32(on) & Vector<uint>.One;
        decided = Vector.GreaterThan(Vector.Abs(z), error);
        return Vector.ConditionalSelect(on, z, TOff.Of(z, slope));
    }
}

/// <summary>An <see cref="OnAboveZeroFloat{TOff}"/> kind's output where it is off.</summary>
internal interface IFloatOff
{
    static abstract Vector<float> Of(Vector<float> z, Vector<float> slope);
}

internal readonly struct ReluOff : IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> z, Vector<float> slope) => Vector<float>.Zero;
}

internal readonly struct LeakyOff : IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> z, Vector<float> slope) => z * slope;
}

internal readonly struct AbsOff : IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> z, Vector<float> slope) => -z;
}

/// <summary>
/// hardtanh: low (0) below -1, high (2) above 1, else mid (1). Rounding is monotone and 1 and e are floats, so
/// |fl(|z| - 1)| &gt; e implies ||z| - 1| &gt; e: z_d is on z's side of both -1 and 1.
/// </summary>
internal readonly struct HardTanhFloat : IFloatRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Apply(Vector<float> z, Vector<float> slope, Vector<float> error, out Vector<uint> state, out Vector<int> decided)
    {
        var (one, minusOne) = (Vector<float>.One, -Vector<float>.One);
        var below = Vector.GreaterThan(minusOne, z);
        var above = Vector.GreaterThan(z, one);
        state = Vector.ConditionalSelect(Vector.AsVectorUInt32(below), Vector<uint>.Zero,
            Vector.ConditionalSelect(Vector.AsVectorUInt32(above), new Vector<uint>(2), Vector<uint>.One));
        decided = Vector.GreaterThan(Vector.Abs(Vector.Abs(z) - one), error);
        return Vector.ConditionalSelect(below, minusOne, Vector.ConditionalSelect(above, one, z));
    }
}

/// <summary>linear: one state, always decided.</summary>
internal readonly struct LinearFloat : IFloatRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Apply(Vector<float> z, Vector<float> slope, Vector<float> error, out Vector<uint> state, out Vector<int> decided)
    {
        state = Vector<uint>.Zero;
        decided = Vector<int>.AllBitsSet;
        return z;
    }
}
