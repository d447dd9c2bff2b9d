using System.Runtime.CompilerServices;

namespace Regions.Kernel.Evaluation.Screening;

/// <summary>
/// The single-precision form of a one-row kind's lane rule (<c>Regions.Kernel.Model.Units</c>), with the test that
/// the state it reads is the double state: the float pre-activation z lies more than its error bound e from every
/// breakpoint. The outputs only need to stay within the bounds of <see cref="ScreeningBounds"/>, not match any bits.
/// </summary>
internal interface IFloatRule
{
    /// <summary>The units' outputs; their states as integers in the lanes' raw bits; a mask of the lanes whose state is decided.</summary>
    static abstract TLanes Apply<TLanes>(TLanes z, TLanes slope, TLanes error, out TLanes state, out TLanes decided) where TLanes : struct, IFloatLanes<TLanes>;
}

/// <summary>relu, leaky_relu, abs: on (1) where z &gt; 0. |z| &gt; e is an exact comparison of floats, and puts z_d on z's side of 0.</summary>
internal readonly struct OnAboveZeroFloat<TOff> : IFloatRule where TOff : struct, IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Apply<TLanes>(TLanes z, TLanes slope, TLanes error, out TLanes state, out TLanes decided) where TLanes : struct, IFloatLanes<TLanes>
    {
        var on = TLanes.GreaterThan(z, TLanes.Broadcast(0));
        state = TLanes.And(on, TLanes.BroadcastBits(1));
        decided = TLanes.GreaterThan(TLanes.Abs(z), error);
        return TLanes.Select(on, z, TOff.Of(z, slope));
    }
}

/// <summary>An <see cref="OnAboveZeroFloat{TOff}"/> kind's output where it is off.</summary>
internal interface IFloatOff
{
    static abstract TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, IFloatLanes<TLanes>;
}

internal readonly struct ReluOff : IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, IFloatLanes<TLanes> => TLanes.Broadcast(0);
}

internal readonly struct LeakyOff : IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, IFloatLanes<TLanes> => TLanes.Multiply(z, slope);
}

internal readonly struct AbsOff : IFloatOff
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, IFloatLanes<TLanes> => TLanes.Negate(z);
}

/// <summary>
/// hardtanh: low (0) below -1, high (2) above 1, else mid (1). Rounding is monotone and 1 and e are floats, so
/// |fl(|z| - 1)| &gt; e implies ||z| - 1| &gt; e: z_d is on z's side of both -1 and 1.
/// </summary>
internal readonly struct HardTanhFloat : IFloatRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Apply<TLanes>(TLanes z, TLanes slope, TLanes error, out TLanes state, out TLanes decided) where TLanes : struct, IFloatLanes<TLanes>
    {
        var (one, minusOne) = (TLanes.Broadcast(1), TLanes.Broadcast(-1));
        var below = TLanes.LessThan(z, minusOne);
        var above = TLanes.GreaterThan(z, one);
        state = TLanes.Select(below, TLanes.BroadcastBits(0), TLanes.Select(above, TLanes.BroadcastBits(2), TLanes.BroadcastBits(1)));
        decided = TLanes.GreaterThan(TLanes.Abs(TLanes.Subtract(TLanes.Abs(z), one)), error);
        return TLanes.Select(below, minusOne, TLanes.Select(above, one, z));
    }
}

/// <summary>linear: one state, always decided.</summary>
internal readonly struct LinearFloat : IFloatRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLanes Apply<TLanes>(TLanes z, TLanes slope, TLanes error, out TLanes state, out TLanes decided) where TLanes : struct, IFloatLanes<TLanes>
    {
        state = TLanes.BroadcastBits(0);
        decided = TLanes.BroadcastBits(uint.MaxValue);
        return z;
    }
}
