using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation;

/// <summary>Chooses the fastest evaluator available for a network.</summary>
public static class EvaluatorFactory
{
    public static IPatternEvaluator Create(Network network) => new SimdEvaluator(network);
}
