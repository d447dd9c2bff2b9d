using Orleans.Placement;
using Orleans.Runtime;

namespace Regions.Grains.Distributed;

/// <summary>
/// Places a grain class by <typeparamref name="TStrategy"/>, a strategy without settings: Orleans finds the
/// strategy's director by the strategy's type, so the attribute needs nothing but that type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PlacedByAttribute<TStrategy>() : PlacementAttribute(new TStrategy())
    where TStrategy : PlacementStrategy, new();
