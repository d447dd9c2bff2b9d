using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Tests.Evaluation;

/// <summary>
/// Each activation kind's definition checked against the rules as UnitState stated them before the kinds existed
/// (written out here, literally, as the reference), so a definition cannot drift: the same states, the same output
/// bits, pieces that agree with the output, and breakpoints where the state really changes.
/// </summary>
public class UnitKindTests
{
    // The reference rules, as they were: relu/abs/leaky on where z > 0; hardtanh 0 below -1, 2 above 1, else 1;
    // maxout the lowest index of its largest entry.
    private static int OldBinary(double z) => z > 0 ? 1 : 0;

    private static int OldHardTanh(double z) => z < -1 ? 0 : (z > 1 ? 2 : 1);

    private static double OldApply(Activation activation, double z, double slope) => activation switch
    {
        Activation.Linear => z,
        Activation.Relu => z > 0 ? z : 0,
        Activation.LeakyRelu => z > 0 ? z : slope * z,
        Activation.Abs => z > 0 ? z : -z,
        Activation.HardTanh => z < -1 ? -1 : (z > 1 ? 1 : z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private static int OldArgMax(ReadOnlySpan<double> group)
    {
        var best = 0;
        for (var r = 1; r < group.Length; r++)
        {
            if (group[r] > group[best]) best = r;
        }
        return best;
    }

    private static int OldStatesPerUnit(Activation activation, int rank) => activation switch
    {
        Activation.Linear => 1,
        Activation.HardTanh => 3,
        Activation.Maxout => rank,
        _ => 2,
    };

    /// <summary>Values on and beside every breakpoint, signed zeros, large, tiny, infinite and NaN.</summary>
    private static readonly double[] Samples =
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 0.5, -0.5,
        1, -1, Math.BitIncrement(1), Math.BitDecrement(1), Math.BitIncrement(-1), Math.BitDecrement(-1),
        2, -2, 3.75, -3.75, 1e300, -1e300, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    private static readonly double[] Slopes = [0, 0.01, 0.25, 0.999];

    public static TheoryData<Activation> Scalar => [Activation.Linear, Activation.Relu, Activation.LeakyRelu, Activation.Abs, Activation.HardTanh];

    [Fact]
    public void Registry_holds_one_kind_per_activation()
    {
        foreach (var activation in Enum.GetValues<Activation>())
        {
            var kind = UnitKinds.Of(activation);
            Assert.Equal(activation, kind.Activation);
            foreach (var rank in new[] { 1, 2, 3, 5 })
            {
                if (activation != Activation.Maxout && rank != 1) continue;
                Assert.Equal(OldStatesPerUnit(activation, rank), kind.States(rank));
            }
            Assert.Equal(activation == Activation.Maxout, kind.IsGroup);
            Assert.Equal(activation != Activation.HardTanh, kind.IsPositivelyHomogeneous);
        }
        Assert.Equal(Enum.GetValues<Activation>().Length, UnitKinds.All.Count);
    }

    [Theory]
    [MemberData(nameof(Scalar))]
    public void State_and_output_are_the_old_rules_bit_for_bit(Activation activation)
    {
        var kind = UnitKinds.Of(activation);
        foreach (var z in Samples)
        {
            if (activation != Activation.Linear)
            {
                var expected = activation == Activation.HardTanh ? OldHardTanh(z) : OldBinary(z);
                Assert.True(expected == kind.State(z), $"{activation} state at {z:R}: {kind.State(z)}, expected {expected}");
                Assert.Equal(kind.State(z), kind.State(new ScalarSide(z)));
            }
            foreach (var slope in activation == Activation.LeakyRelu ? Slopes : [0.0])
            {
                var old = BitConverter.DoubleToInt64Bits(OldApply(activation, z, slope));
                var now = BitConverter.DoubleToInt64Bits(kind.Output(z, slope));
                Assert.True(old == now, $"{activation} (slope {slope}) output at {z:R}: {kind.Output(z, slope):R}, expected {OldApply(activation, z, slope):R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scalar))]
    public void Each_state_piece_is_the_output_on_that_state(Activation activation)
    {
        var kind = UnitKinds.Of(activation);
        foreach (var z in Samples)
        {
            if (!double.IsFinite(z)) continue;
            foreach (var slope in activation == Activation.LeakyRelu ? Slopes : [0.0])
            {
                var state = kind.State(z);
                var (s, offset) = kind.Piece(state, slope);
                // Equal as values (the piece may differ from the output in the sign of a zero only).
                Assert.True(s * z + offset == kind.Output(z, slope), $"{activation} state {state} piece ({s}, {offset}) at {z:R}");
                if (kind.IsConstant(state)) Assert.Equal(0, s);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scalar))]
    public void The_state_changes_only_at_the_breakpoints(Activation activation)
    {
        var kind = UnitKinds.Of(activation);
        var expected = activation switch
        {
            Activation.Linear => Array.Empty<double>(),
            Activation.HardTanh => [-1.0, 1.0],
            _ => [0.0],
        };
        Assert.Equal(expected, kind.Breakpoints.ToArray());
        foreach (var b in kind.Breakpoints)
        {
            // The breakpoint itself belongs to the middle state; just below and just above it are the two sides.
            Assert.NotEqual(kind.State(Math.BitDecrement(b)), kind.State(Math.BitIncrement(b)));
            Assert.True(kind.State(b) == kind.State(Math.BitDecrement(b)) || kind.State(b) == kind.State(Math.BitIncrement(b)));
        }
        // Between and beyond the breakpoints the state is constant.
        var edges = new[] { double.MinValue }.Concat(expected).Append(double.MaxValue).ToArray();
        for (var i = 0; i + 1 < edges.Length; i++)
        {
            var (low, high) = (edges[i], edges[i + 1]);
            var inside = new[] { Math.BitIncrement(low), low / 2 + high / 2, Math.BitDecrement(high) };
            Assert.Single(inside.Select(kind.State).Distinct());
        }
    }

    [Fact]
    public void Maxout_is_the_lowest_index_of_the_largest_row()
    {
        var kind = UnitKinds.Of(Activation.Maxout);
        double[][] groups =
        [
            [1, 2, 3], [3, 2, 1], [2, 2, 1], [1, 2, 2], [2, 1, 2], [5, 5, 5], [0.0, -0.0], [-0.0, 0.0],
            [double.NaN, 1, 2], [1, double.NaN, 2], [double.NegativeInfinity, double.MinValue], [-1, Math.BitIncrement(-1)],
            [7, 7], [Math.BitDecrement(4), 4, 4, 3],
        ];
        foreach (var group in groups)
        {
            var state = kind.State(group);
            Assert.True(OldArgMax(group) == state, $"argmax of [{string.Join(", ", group)}]: {state}");
            Assert.Equal((1.0, 0.0), kind.Piece(state, 0));
            Assert.Equal(2 * group.Length + state, kind.Row(2, group.Length, state));
        }
    }

    private static (double, double) OldRange(Activation activation, double a, double b, double slope) => activation switch
    {
        Activation.Relu => (Math.Max(a, 0), Math.Max(b, 0)),
        Activation.LeakyRelu => OldHull(slope * Math.Min(a, 0) + Math.Max(a, 0), slope * Math.Min(b, 0) + Math.Max(b, 0), a < 0 && b > 0),
        Activation.Abs => (a > 0 ? a : (b < 0 ? -b : 0), Math.Max(-a, b)),
        Activation.HardTanh => (Math.Clamp(a, -1, 1), Math.Clamp(b, -1, 1)),
        _ => (a, b),
    };

    private static (double, double) OldHull(double atA, double atB, bool kinkInside) =>
        kinkInside ? (Math.Min(Math.Min(atA, atB), 0), Math.Max(Math.Max(atA, atB), 0)) : (Math.Min(atA, atB), Math.Max(atA, atB));

    [Theory]
    [MemberData(nameof(Scalar))]
    public void Range_is_the_old_interval_rule_bit_for_bit(Activation activation)
    {
        var kind = UnitKinds.Of(activation);
        var ends = Samples.Where(v => !double.IsNaN(v)).ToArray();
        foreach (var a in ends)
        foreach (var b in ends)
        {
            if (a > b) continue;
            foreach (var slope in activation == Activation.LeakyRelu ? Slopes : [0.0])
            {
                var (oldLow, oldHigh) = OldRange(activation, a, b, slope);
                var (low, high) = kind.Range(a, b, slope);
                Assert.True(BitConverter.DoubleToInt64Bits(oldLow) == BitConverter.DoubleToInt64Bits(low)
                    && BitConverter.DoubleToInt64Bits(oldHigh) == BitConverter.DoubleToInt64Bits(high), $"{activation} range over [{a:R}, {b:R}]");
            }
        }
    }

    [Fact]
    public void Maxout_range_is_the_largest_ends()
    {
        var (low, high) = UnitKinds.Of(Activation.Maxout).Range([-3.0, 1, -0.5], [2.0, 4, 0]);
        Assert.Equal((1.0, 4.0), (low, high));
    }
}
