namespace Regions.Kernel.Model.Graph;

/// <summary>
/// A node whose parameters do not fit its input (a shape, a window, a parameter count); <see cref="GraphNetwork"/>
/// turns it into a <see cref="Format.NetworkFormatException"/> naming the node and its JSON path.
/// </summary>
public sealed class GraphException(string problem) : Exception(problem);
