namespace Regions.Kernel.Evaluation.Compiled;

/// <summary>
/// Asks the Regions source generator to emit, into this partial class, an unrolled vectorised evaluator for
/// one architecture: <c>inputs</c> inputs, hidden layers of <c>widths</c> units of one activation, and a linear
/// output layer. With <see cref="WeightsFile"/> (a pwl-network/1 file listed as an AdditionalFile) the weights
/// are compiled in as constants and zero weights are skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegionsKernelAttribute(int inputs, int[] widths) : Attribute
{
    public int Inputs { get; } = inputs;

    public int[] Widths { get; } = widths;

    /// <summary>relu (default), leaky_relu, abs, hardtanh, linear or maxout: any kind with an emitted form.</summary>
    public string Activation { get; set; } = "relu";

    /// <summary>Maxout rank k.</summary>
    public int Rank { get; set; } = 2;

    /// <summary>leaky_relu slope.</summary>
    public double Slope { get; set; }

    /// <summary>File name of a pwl-network/1 AdditionalFile whose weights are compiled in.</summary>
    public string? WeightsFile { get; set; }
}
