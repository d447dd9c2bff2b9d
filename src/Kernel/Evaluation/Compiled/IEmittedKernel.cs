using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation.Compiled;

/// <summary>
/// What every class the kernel emitter writes states about itself, so the registry of build-time kernels reads
/// its facts from the class the generator emitted instead of restating the emitter's rules.
/// </summary>
public interface IEmittedKernel
{
    /// <summary>Fused multiply-adds per point of the architecture.</summary>
    static abstract long MultiplyAdds { get; }

    /// <summary>The emitter's unroll limit in multiply-adds per point.</summary>
    static abstract long UnrollLimit { get; }

    /// <summary>False when the architecture is over the unroll limit and the class wraps the generic vectorised evaluator.</summary>
    static abstract bool Unrolled { get; }

    /// <summary>The evaluator for a network of this architecture (refusing any other), float-screened.</summary>
    static abstract IPatternEvaluator Create(Network network);

    /// <summary>The evaluator for a network of this architecture, in the given precision (the same patterns either way).</summary>
    static abstract IPatternEvaluator Create(Network network, EvaluatorPrecision precision);
}
