using Regions.Kernel.Limits;

namespace Regions.Kernel.Model.Graph;

/// <summary>
/// Lowers a <c>pwl-network/2</c> graph into the compute chain every evaluator, the exact engine and the region maps
/// run, exactly: the same function with the same units, up to the rounding of composed affine maps.
/// </summary>
/// <remarks>
/// Each value is held as an affine map over the current frontier (the last layer's outputs, or the input). Affine
/// nodes compose onto their input's map. Piecewise nodes are staged by depth (the number of piecewise nodes on the
/// longest path from the input): all of one depth close into one layer, one per unit family when the kinds differ,
/// and every value a later node (or the output) still reads is appended to that layer as carried rows (its map over
/// the frontier, passed through unchanged). The output's map becomes the final linear layer. On a chain this is the
/// importer's walk: one pending map, closed by each nonlinearity.
/// </remarks>
public static class GraphLowering
{
    public static Network Lower(GraphNetwork graph, ResourceLimits? limits = null)
    {
        limits ??= ResourceLimits.Default;
        var inputs = graph.Inputs;
        limits.Check(inputs, "inputs", () => $"network has {inputs:N0} inputs");
        var chain = new LoweredChain(graph, limits);
        var layers = chain.Build();
        return new Network(inputs, layers, graph.Name, graph.Meta, graph);
    }
}
