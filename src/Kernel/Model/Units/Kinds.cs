using System.Runtime.CompilerServices;
using Regions.Kernel.Evaluation;

namespace Regions.Kernel.Model.Units;

// One class per activation kind. Each states its rule once; the comparisons are the spec's (z > 0 is on,
// hardtanh is low below -1 and high above 1, maxout ties go to the lowest index) and must not change.

/// <summary>linear: z, one state.</summary>
public sealed class Linear : UnitKind
{
    public static readonly Linear Kind = new();

    private Linear() : base(Activation.Linear) { }

    public override int States(int rank) => 1;

    public override int State(double z) => Rule(new ScalarSide(z));

    public override int State<TSide>(TSide z) => Rule(z);

    /// <summary>The state rule, stated once for a double and for the exact engine's toleranced sides.</summary>
    private static int Rule<TSide>(TSide z) where TSide : IBreakpointSide, allows ref struct => 0;

    public override double Output(double z, double slope) => z;

    public override (double Lower, double Upper) Range(double a, double b, double slope) => (a, b);

    public override (double Slope, double Offset) Piece(int state, double slope) => (1, 0);

    internal override void WithLanes<TCall>(ref TCall call) => call.Invoke<Lanes>();

    internal readonly struct Lanes : IRowRule<Lanes>
    {
        public static TLanes Apply<TLanes>(TLanes z, TLanes slope, out TLanes state) where TLanes : struct, ILanes<TLanes>
        {
            state = TLanes.Broadcast(0);
            return z;
        }
    }
}

/// <summary>The kinds with one breakpoint at 0 (relu, leaky_relu, abs): on (1) where z &gt; 0, off (0) otherwise; they differ only in their outputs.</summary>
public abstract class OnAboveZero : UnitKind
{
    private protected OnAboveZero(Activation activation) : base(activation, 0) { }

    public sealed override int States(int rank) => 2;

    public sealed override int State(double z) => Rule(new ScalarSide(z));

    public sealed override int State<TSide>(TSide z) => Rule(z);

    /// <summary>The state rule, stated once for a double and for the exact engine's toleranced sides.</summary>
    private static int Rule<TSide>(TSide z) where TSide : IBreakpointSide, allows ref struct => z.Above(0) ? 1 : 0;

    /// <summary>The lane form of the rule, stated once: a kind passes its off output as a struct, so each kind still gets its own specialised copy, with no virtual call per vector.</summary>
    internal readonly struct Lanes<TOff> : IRowRule<Lanes<TOff>> where TOff : struct, IOffOutput
    {
        public static TLanes Apply<TLanes>(TLanes z, TLanes slope, out TLanes state) where TLanes : struct, ILanes<TLanes>
        {
            var on = TLanes.GreaterThan(z, TLanes.Broadcast(0));
            state = TLanes.Select(on, TLanes.Broadcast(1), TLanes.Broadcast(0));
            return TLanes.Select(on, z, TOff.Of(z, slope));
        }
    }
}

/// <summary>What an <see cref="OnAboveZero"/> unit outputs where it is off, lane-wise (the one line in which relu, leaky_relu and abs differ).</summary>
internal interface IOffOutput
{
    static abstract TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, ILanes<TLanes>;
}

/// <summary>relu: on (1) where z &gt; 0 with output z, off (0) otherwise with output 0.</summary>
public sealed class Relu : OnAboveZero
{
    public static readonly Relu Kind = new();

    private Relu() : base(Activation.Relu) { }

    public override double Output(double z, double slope) => z > 0 ? z : 0;

    public override (double Lower, double Upper) Range(double a, double b, double slope) => (Math.Max(a, 0), Math.Max(b, 0));

    public override (double Slope, double Offset) Piece(int state, double slope) => (state == 1 ? 1 : 0, 0);

    public override bool IsConstant(int state) => state != 1;

    internal override void WithLanes<TCall>(ref TCall call) => call.Invoke<Lanes<Off>>();

    internal readonly struct Off : IOffOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, ILanes<TLanes> => TLanes.Broadcast(0);
    }
}

/// <summary>leaky_relu: on (1) where z &gt; 0 with output z, off (0) otherwise with output slope * z.</summary>
public sealed class LeakyRelu : OnAboveZero
{
    public static readonly LeakyRelu Kind = new();

    private LeakyRelu() : base(Activation.LeakyRelu) { }

    public override double Output(double z, double slope) => z > 0 ? z : slope * z;

    public override (double Lower, double Upper) Range(double a, double b, double slope) =>
        Hull(slope * Math.Min(a, 0) + Math.Max(a, 0), slope * Math.Min(b, 0) + Math.Max(b, 0), a < 0 && b > 0);

    /// <summary>The range of a function linear on each side of 0 over [a, b], from its ends and, when 0 is inside, its kink.</summary>
    private static (double, double) Hull(double atA, double atB, bool kinkInside) =>
        kinkInside ? (Math.Min(Math.Min(atA, atB), 0), Math.Max(Math.Max(atA, atB), 0)) : (Math.Min(atA, atB), Math.Max(atA, atB));

    public override (double Slope, double Offset) Piece(int state, double slope) => (state == 1 ? 1 : slope, 0);

    internal override void WithLanes<TCall>(ref TCall call) => call.Invoke<Lanes<Off>>();

    internal readonly struct Off : IOffOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, ILanes<TLanes> => TLanes.Multiply(z, slope);
    }
}

/// <summary>abs: on (1) where z &gt; 0 with output z, off (0) otherwise with output -z.</summary>
public sealed class Abs : OnAboveZero
{
    public static readonly Abs Kind = new();

    private Abs() : base(Activation.Abs) { }

    public override double Output(double z, double slope) => z > 0 ? z : -z;

    public override (double Lower, double Upper) Range(double a, double b, double slope) => (a > 0 ? a : (b < 0 ? -b : 0), Math.Max(-a, b));

    public override (double Slope, double Offset) Piece(int state, double slope) => (state == 1 ? 1 : -1, 0);

    internal override void WithLanes<TCall>(ref TCall call) => call.Invoke<Lanes<Off>>();

    internal readonly struct Off : IOffOutput
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TLanes Of<TLanes>(TLanes z, TLanes slope) where TLanes : struct, ILanes<TLanes> => TLanes.Negate(z);
    }
}

/// <summary>hardtanh: low (0) where z &lt; -1 with output -1, high (2) where z &gt; 1 with output 1, else mid (1) with output z.</summary>
public sealed class HardTanh : UnitKind
{
    public static readonly HardTanh Kind = new();

    private HardTanh() : base(Activation.HardTanh, -1, 1) { }

    public override bool IsPositivelyHomogeneous => false;

    public override int States(int rank) => 3;

    public override int State(double z) => Rule(new ScalarSide(z));

    public override int State<TSide>(TSide z) => Rule(z);

    /// <summary>The state rule, stated once for a double and for the exact engine's toleranced sides.</summary>
    private static int Rule<TSide>(TSide z) where TSide : IBreakpointSide, allows ref struct => z.Below(-1) ? 0 : (z.Above(1) ? 2 : 1);

    public override double Output(double z, double slope) => z < -1 ? -1 : (z > 1 ? 1 : z);

    public override (double Lower, double Upper) Range(double a, double b, double slope) => (Math.Clamp(a, -1, 1), Math.Clamp(b, -1, 1));

    public override (double Slope, double Offset) Piece(int state, double slope) => state switch { 0 => (0, -1), 2 => (0, 1), _ => (1, 0) };

    public override bool IsConstant(int state) => state != 1;

    internal override void WithLanes<TCall>(ref TCall call) => call.Invoke<Lanes>();

    internal readonly struct Lanes : IRowRule<Lanes>
    {
        public static TLanes Apply<TLanes>(TLanes z, TLanes slope, out TLanes state) where TLanes : struct, ILanes<TLanes>
        {
            var (one, minusOne) = (TLanes.Broadcast(1), TLanes.Broadcast(-1));
            var below = TLanes.LessThan(z, minusOne);
            var above = TLanes.GreaterThan(z, one);
            state = TLanes.Select(below, TLanes.Broadcast(0), TLanes.Select(above, TLanes.Broadcast(2), one));
            return TLanes.Select(below, minusOne, TLanes.Select(above, one, z));
        }
    }
}

/// <summary>maxout: the state is the lowest index of the largest row of the group; the output is that row.</summary>
public sealed class Maxout : UnitKind
{
    public static readonly Maxout Kind = new();

    private Maxout() : base(Activation.Maxout) { }

    public override bool IsGroup => true;

    public override int States(int rank) => rank;

    public override int State(double z) => throw new InvalidOperationException("maxout units read a group of rows");

    public override int State<TSide>(TSide z) => throw new InvalidOperationException("maxout units read a group of rows");

    /// <summary>The lowest index of the largest value (only a strictly larger value replaces the best).</summary>
    public override int State(ReadOnlySpan<double> group)
    {
        var best = 0;
        for (var r = 1; r < group.Length; r++)
        {
            if (group[r] > group[best]) best = r;
        }
        return best;
    }

    public override double Output(double z, double slope) => throw new InvalidOperationException("maxout is applied per group");

    public override (double Lower, double Upper) Range(double a, double b, double slope) => throw new InvalidOperationException("maxout is bounded per group");

    public override (double Lower, double Upper) Range(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var (low, high) = (double.NegativeInfinity, double.NegativeInfinity);
        for (var r = 0; r < lower.Length; r++)
        {
            low = Math.Max(low, lower[r]);
            high = Math.Max(high, upper[r]);
        }
        return (low, high);
    }

    public override (double Slope, double Offset) Piece(int state, double slope) => (1, 0);

    public override int Row(int unit, int rank, int state) => unit * rank + state;

    internal override void WithLanes<TCall>(ref TCall call) => call.Invoke<Lanes>();

    internal readonly struct Lanes : ILaneRule
    {
        public static TLanes Invoke<TLanes>(ref double z, int firstRow, int rank, int v, int batch, TLanes slope, out TLanes state)
            where TLanes : struct, ILanes<TLanes>
        {
            var best = TLanes.Load(ref z, (nuint)(firstRow * batch + v));
            state = TLanes.Broadcast(0);
            for (var r = 1; r < rank; r++)
            {
                var candidate = TLanes.Load(ref z, (nuint)((firstRow + r) * batch + v));
                // Only a strictly larger row replaces the best: ties go to the lowest index.
                var greater = TLanes.GreaterThan(candidate, best);
                best = TLanes.Select(greater, candidate, best);
                state = TLanes.Select(greater, TLanes.Broadcast(r), state);
            }
            return best;
        }
    }
}
