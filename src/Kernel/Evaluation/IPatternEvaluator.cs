using Regions.Kernel.Model;

namespace Regions.Kernel.Evaluation;

/// <summary>
/// Evaluates batches of points to packed activation patterns. Points are laid out as a structure of
/// arrays: coordinate j of point p is <c>points[j * BatchCapacity + p]</c>. Implementations are not
/// thread-safe (they own scratch buffers): use one per thread. Every implementation produces the same
/// bits as <see cref="Interpreter"/>.
/// </summary>
public interface IPatternEvaluator
{
    Network Network { get; }

    /// <summary>Points per call, and the stride of the structure-of-arrays input.</summary>
    int BatchCapacity { get; }

    /// <summary>Writes <paramref name="count"/> patterns of <c>Network.Layout.Words</c> words each into <paramref name="patterns"/>.</summary>
    void EvaluatePatterns(ReadOnlySpan<double> points, int count, Span<ulong> patterns);
}
