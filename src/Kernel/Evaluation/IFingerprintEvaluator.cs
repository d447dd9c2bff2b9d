namespace Regions.Kernel.Evaluation;

/// <summary>
/// An evaluator that also writes each point's <see cref="Fingerprint"/> in the same pass (the generated
/// kernels do, straight from the pattern words in their registers).
/// </summary>
public interface IFingerprintEvaluator : IPatternEvaluator
{
    /// <summary>Writes the patterns, as <see cref="IPatternEvaluator.EvaluatePatterns"/> does, and their fingerprints.</summary>
    void EvaluateFingerprints(ReadOnlySpan<double> points, int count, Span<ulong> patterns, Span<UInt128> fingerprints);
}
