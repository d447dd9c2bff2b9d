using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Silo.Reproduce;

/// <summary>
/// Sec. 12 of the appendix of Montufar, Pascanu, Cho, Bengio 2014: on the activation region R_i of an input x, a unit of
/// layer l is one affine function f_i(x) = u.x + c of the input (eq. (7)); u, the unit's template, has the input's
/// shape and shows what the unit responds to on that region. The maps are the region's own (<see cref="RegionMaps"/>):
/// the unit's pre-activation, or, for a maxout unit, the piece that is largest at x (its value on the region).
/// </summary>
internal static class UnitTemplates
{
    /// <summary>Checks a 1-based layer and 0-based units against the network, with the message a user sees.</summary>
    public static void Check(Network network, int layer, IReadOnlyList<int> units)
    {
        var count = network.Layers.Count;
        if (layer < 1 || layer > count)
            throw new InvalidRequestException("layer", $"{layer} is out of range: the network has {count} layers (1..{count})");
        var width = network.Layers[layer - 1].Units;
        foreach (var unit in units)
        {
            if (unit < 0 || unit >= width)
                throw new InvalidRequestException("units", $"unit {unit} is out of range: layer {layer} has {width} units (0..{width - 1})");
        }
    }

    /// <summary>The affine map of unit <paramref name="unit"/> of layer <paramref name="layer"/> (1-based) on the region of <paramref name="maps"/>.</summary>
    public static AffineMap Of(Network network, RegionMaps maps, int layer, int unit)
    {
        var l = network.Layers[layer - 1];
        int row;
        // A carried row is a linear unit of its own; a linear layer's units are its rows.
        if (unit >= l.ActivationUnits) row = l.UnitRows + unit - l.ActivationUnits;
        else if (!l.IsPiecewise) row = unit;
        else row = l.Kind().Row(unit, l.Rank, network.Layout.State(maps.Pattern, layer - 1, unit));
        return maps.PreActivations[layer - 1][row];
    }
}
