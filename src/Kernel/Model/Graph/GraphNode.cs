namespace Regions.Kernel.Model.Graph;

/// <summary>
/// One node of a <c>pwl-network/2</c> graph: a name, the values it reads (the graph input or earlier nodes) and its
/// parameters. An affine node composes into the neighbouring affine maps when the graph is lowered; a piecewise node
/// becomes units of a layer (see <see cref="GraphLowering"/>).
/// </summary>
public abstract class GraphNode(string name, IReadOnlyList<string> inputs)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Inputs { get; } = inputs;

    /// <summary>The JSON "op" token.</summary>
    public abstract string Op { get; }

    /// <summary>The shape of the node's value given its inputs' shapes; a <see cref="GraphException"/> when they do not fit.</summary>
    public abstract int[] OutputShape(IReadOnlyList<int[]> inputs);

    /// <summary>True when the node splits regions: its value becomes units of a layer.</summary>
    public abstract bool IsPiecewise(int[] input);
}

/// <summary>A node that reads one value.</summary>
public abstract class UnaryNode(string name, string input) : GraphNode(name, [input])
{
    public string Input => Inputs[0];

    public sealed override int[] OutputShape(IReadOnlyList<int[]> inputs) => OutputShape(inputs[0]);

    public abstract int[] OutputShape(int[] input);
}
