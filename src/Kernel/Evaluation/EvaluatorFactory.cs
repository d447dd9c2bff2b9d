using Regions.Kernel.Evaluation.Generated;
using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// Chooses the fastest evaluator available for a network: a kernel the source generator emitted at build
/// time for its architecture (one of <see cref="GeneratedKernels.All"/>; a shape there that is over the unroll
/// limit runs, and is reported as, the generic vectorised evaluator); else, when the job is large enough to pay for a compile (about a second)
/// and the host registered a <see cref="RuntimeCompiler"/>, a kernel compiled now by the same emitter; else the generic vectorised evaluator. All give the same bits.
/// Each evaluates the network rescaled by <see cref="UnitScaling"/>: scaling by powers of two commutes with
/// rounding, so the patterns are the network's own, but a pre-activation can no longer overflow to infinity
/// (or to NaN, which no unit's rule decides) when weights are huge or tiny.
/// </summary>
public static class EvaluatorFactory
{
    /// <summary>Points from which compiling a kernel at run time pays for itself.</summary>
    public const long RuntimeCompileThreshold = 500_000_000;

    /// <summary>
    /// The run-time kernel compiler, when the host registered one at start (the regions executable registers
    /// Regions.Compiler's); without one, architectures without a build-time kernel run on the generic evaluator.
    /// </summary>
    public static IKernelCompiler? RuntimeCompiler { get; set; }

    /// <summary>Which evaluator a job gets, and what compiling it cost (zero unless compiled at run time now).</summary>
    public sealed record Choice(string Kind, TimeSpan CompileTime);

    public static IPatternEvaluator Create(Network network, long points = 0) => Create(network, points, out _);

    public static IPatternEvaluator Create(Network network, long points, out Choice choice)
    {
        network = UnitScaling.Of(network).Network;
        if (GeneratedKernels.Find(network) is { } generated)
        {
            // A build-time shape over the unroll limit wraps the generic evaluator, and is named for it.
            choice = new Choice(generated.EvaluatorKind, TimeSpan.Zero);
            return generated.Create(network);
        }
        if (points >= RuntimeCompileThreshold && RuntimeCompiler?.For(network) is { } kernel)
        {
            choice = new Choice($"kernel compiled at run time ({kernel.MultiplyAdds} multiply-adds per point)", kernel.CompileTime);
            return kernel.Create(network);
        }
        choice = new Choice("generic vectorised evaluator", TimeSpan.Zero);
        return new SimdEvaluator(network);
    }
}
