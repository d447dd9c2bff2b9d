using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;

namespace Regions.Kernel.Limits;

/// <summary>
/// The memory a counting job allocates up front, from what the code really allocates (so that a job that
/// cannot fit is refused before it starts, not killed by the operating system half way):
/// <code>
///   bytes = 8 * P * (2 + T)                                        network: as read, and rescaled once per worker (UnitScaling)
///         + T * 8 * B * (2 * W + R + n0 + 2 * w + 2)               sampling only: per worker thread
/// </code>
/// with P parameters (weights and biases), T worker threads, B = <see cref="SimdEvaluator.DefaultBatch"/> points per
/// batch, W the widest layer (units or columns: the two activation buffers), R the most pre-activation rows,
/// n0 inputs (the batch of points), w pattern words (the evaluator's words and the cell's copy) and two words per
/// point of fingerprint. Not included: the pattern sets, which grow with the distinct patterns found (about
/// 100 bytes each, at most one per point), because the number of regions is what the job is there to find;
/// and the pieces of exact enumeration, which their own per-cell budget bounds (SubdivisionEngine.MaxPiecesPerLayer).
/// </summary>
public static class MemoryEstimate
{
    public static long Bytes(Network network, bool sampling, int threads)
    {
        var t = Math.Max(1, threads);
        var parameters = network.ParameterCount;
        var bytes = 8.0 * parameters * (2 + t);
        if (sampling)
        {
            var widest = network.Layers.Max(l => (double)Math.Max(l.Units, l.Columns));
            var rows = network.Layers.Max(l => (double)l.Rows);
            var perThread = 8.0 * SimdEvaluator.DefaultBatch * (2 * widest + rows + network.Inputs + 2 * network.Layout.Words + 2);
            bytes += t * perThread;
        }
        return bytes >= long.MaxValue ? long.MaxValue : (long)bytes;
    }
}
