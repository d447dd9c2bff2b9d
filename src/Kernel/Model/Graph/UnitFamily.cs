namespace Regions.Kernel.Model.Graph;

/// <summary>
/// Which layer a piecewise node's units go into: relu and leaky_relu share one (leaky_relu with per-unit slopes when
/// they differ), as do maxout and max-pooling (at the largest rank); abs and hardtanh have their own.
/// </summary>
internal enum UnitFamily
{
    Relu,
    Abs,
    HardTanh,
    Max,
}

internal static class UnitFamilies
{
    public static UnitFamily Of(PiecewiseNode node) => node switch
    {
        ReluNode or LeakyReluNode => UnitFamily.Relu,
        AbsNode => UnitFamily.Abs,
        HardTanhNode => UnitFamily.HardTanh,
        MaxoutNode or MaxPoolNode => UnitFamily.Max,
        _ => throw new InvalidOperationException($"no unit family for {node.Op}"),
    };
}
