using Regions.Kernel.Evaluation;

namespace Regions.Kernel.Model.Units;

/// <summary>
/// A kind's lane form, as a struct operator (the pattern of TensorPrimitives' operators: a scalar form beside a vector
/// form the JIT specialises per width): the outputs and states of one vector of units, lane-wise the kind's scalar rule.
/// </summary>
internal interface ILaneRule
{
    /// <summary>
    /// The output of the unit reading rows firstRow .. firstRow + rank - 1 (one row unless the kind reads a group), for
    /// the points at lanes v .. v + Count - 1 (row r of point p at r * batch + p), and its state as a double per lane.
    /// </summary>
    static abstract TLanes Invoke<TLanes>(ref double z, int firstRow, int rank, int v, int batch, TLanes slope, out TLanes state)
        where TLanes : struct, ILanes<TLanes>;
}

/// <summary>
/// The lane form of a kind whose unit reads one row, on values already in registers (the TensorPrimitives operator
/// shape: <c>Invoke(Vector&lt;T&gt; x)</c> beside the scalar rule); reading the unit's row from the batch is stated once, here.
/// </summary>
internal interface IRowRule<TSelf> : ILaneRule where TSelf : struct, IRowRule<TSelf>
{
    /// <summary>The output of the units whose pre-activations are <paramref name="z"/>, and their states as doubles.</summary>
    static abstract TLanes Apply<TLanes>(TLanes z, TLanes slope, out TLanes state) where TLanes : struct, ILanes<TLanes>;

    static TLanes ILaneRule.Invoke<TLanes>(ref double z, int firstRow, int rank, int v, int batch, TLanes slope, out TLanes state) =>
        TSelf.Apply(TLanes.Load(ref z, (nuint)(firstRow * batch + v)), slope, out state);
}

/// <summary>Code generic over a kind's lane rule, called once with the kind's <see cref="ILaneRule"/> (so the loop is specialised per kind).</summary>
internal interface ILaneRuleCall
{
    void Invoke<TRule>() where TRule : struct, ILaneRule;
}

/// <summary>
/// Where a unit's pre-activation lies relative to one breakpoint, as the caller decides it: exactly for a double
/// (<see cref="ScalarSide"/>), or within a tolerance over a piece of the domain (the exact engine).
/// </summary>
public interface IBreakpointSide
{
    /// <summary>z &gt; breakpoint.</summary>
    bool Above(double breakpoint);

    /// <summary>z &lt; breakpoint.</summary>
    bool Below(double breakpoint);
}

/// <summary>A double pre-activation: the plain IEEE comparisons (false for NaN).</summary>
public readonly struct ScalarSide(double z) : IBreakpointSide
{
    public bool Above(double breakpoint) => z > breakpoint;

    public bool Below(double breakpoint) => z < breakpoint;
}

/// <summary>
/// The one definition of an activation kind (see <c>docs/network-format.md</c>): how many states a unit has, which
/// state a pre-activation is in, the unit's output as a scalar and, per state, as an affine function
/// slope * z + offset of its pre-activation, and the breakpoints of z between the states. Every evaluator, the
/// exact engine and the region maps read it from here (<see cref="UnitKinds.Of"/>); a new kind is one subclass.
/// </summary>
public abstract class UnitKind
{
    private protected UnitKind(Activation activation, params double[] breakpoints)
    {
        Activation = activation;
        this.breakpoints = breakpoints;
    }

    private readonly double[] breakpoints;

    public Activation Activation { get; }

    /// <summary>The values of z where the state changes, in the order the exact engine splits on them (none for maxout, whose cells are where one row beats the others).</summary>
    public ReadOnlySpan<double> Breakpoints => breakpoints;

    /// <summary>True when a unit reads a group of <c>rank</c> rows (maxout) instead of one pre-activation.</summary>
    public virtual bool IsGroup => false;

    /// <summary>
    /// True when the unit commutes with positive scaling (f(c z) = c f(z) for c &gt; 0, so a unit's scale can be moved
    /// to the next layer without moving its states): every kind whose breakpoints are all at 0 and whose output has no offset.
    /// </summary>
    public virtual bool IsPositivelyHomogeneous => true;

    /// <summary>Distinct states one unit can be in (1 for linear units, which add nothing to a pattern).</summary>
    public abstract int States(int rank);

    /// <summary>The state of a unit whose pre-activation lies as <paramref name="z"/> tells.</summary>
    public abstract int State<TSide>(TSide z) where TSide : IBreakpointSide, allows ref struct;

    /// <summary>The state of a double pre-activation: <see cref="State{TSide}"/> with <see cref="ScalarSide"/> (a kind forwards both to one rule; this one is not generic, so it dispatches fast).</summary>
    public abstract int State(double z);

    /// <summary>The state of a group of rows (maxout only).</summary>
    public virtual int State(ReadOnlySpan<double> group) => throw new InvalidOperationException($"{Activation} units read one row");

    /// <summary>The unit's output at a double pre-activation (<paramref name="slope"/> is the layer's leaky slope).</summary>
    public abstract double Output(double z, double slope);

    /// <summary>The range of the output over pre-activations in [a, b] (interval bounds; <paramref name="slope"/> is the leaky slope).</summary>
    public abstract (double Lower, double Upper) Range(double a, double b, double slope);

    /// <summary>The range of a group's output over rows ranging in [lower[r], upper[r]] (maxout only).</summary>
    public virtual (double Lower, double Upper) Range(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper) =>
        throw new InvalidOperationException($"{Activation} units read one row");

    /// <summary>The output in a state as an affine function of the unit's pre-activation: Slope * z + Offset.</summary>
    public abstract (double Slope, double Offset) Piece(int state, double slope);

    /// <summary>
    /// True when the output in this state is the constant <see cref="Piece"/> offset whatever the layer's parameters
    /// (relu off, hardtanh saturated): the exact engine writes the constant instead of scaling the row.
    /// </summary>
    public virtual bool IsConstant(int state) => false;

    /// <summary>The pre-activation row a unit reads in a state: its own, or the winner of its maxout group.</summary>
    public virtual int Row(int unit, int rank, int state) => unit;

    /// <summary>Calls <paramref name="call"/> with this kind's lane rule.</summary>
    internal abstract void WithLanes<TCall>(ref TCall call) where TCall : ILaneRuleCall, allows ref struct;
}

/// <summary>The registry: the definition of each <see cref="Model.Activation"/>.</summary>
public static class UnitKinds
{
    private static readonly UnitKind[] kinds = [Linear.Kind, Relu.Kind, LeakyRelu.Kind, Abs.Kind, HardTanh.Kind, Maxout.Kind];

    public static IReadOnlyList<UnitKind> All => kinds;

    public static UnitKind Of(Activation activation) =>
        (uint)activation < (uint)kinds.Length ? kinds[(int)activation] : throw new ArgumentOutOfRangeException(nameof(activation));

    /// <summary>The definition of this layer's units.</summary>
    public static UnitKind Kind(this Layer layer) => Of(layer.Activation);
}
