using Regions.Kernel.Model;
using Regions.Kernel.Model.Units;

namespace Regions.Kernel.Exact;

/// <summary>Where <see cref="FacePatterns"/> can count every realised pattern exactly, and the refusals elsewhere.</summary>
public static class FacePatternSupport
{
    public const string BoxRefusal =
        "--definition patterns counts lower-dimensional patterns on segments and planes only (1 or 2 inputs, or --segment / --plane), not in an n-D box";

    public const string GroupRefusal =
        "--definition patterns handles units with breakpoints (relu, leaky_relu, abs, hardtanh); ties of maxout and max-pool groups on faces are not counted";

    /// <summary>Whether every unit switches at breakpoints (the ties of maxout groups on faces are not handled).</summary>
    public static bool Supports(Network network) => network.Layers.All(l => !l.IsPiecewise || !l.Kind().IsGroup);
}
