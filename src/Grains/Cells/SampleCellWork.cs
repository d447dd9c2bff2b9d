using Regions.Grains.Jobs;
using Regions.Grains.Sampling;
using Regions.Kernel.Evaluation;

namespace Regions.Grains.Cells;

/// <summary>
/// The sampling work item of one cell: draw the cell's points, evaluate their patterns, and return the
/// fingerprints seen with their hit counts. The embedded runner and the cluster silos both execute it.
/// On a slice (a segment or plane, <see cref="CountJob.Slice"/>) the cell is a box of the slice's parameters:
/// its points are drawn there and mapped through the slice to inputs before the network sees them.
/// </summary>
/// <remarks>
/// Why map each point rather than compose the slice into the first layer (a network of slice.Dimension inputs):
/// a pattern counted must be the pattern the network itself gives at a point of the slice, or the count is no
/// longer a lower bound on the regions the slice meets. A composed first layer sums other products in another
/// order, so near a boundary its state can differ from the network's at every point near it, and a pattern
/// seen only there would be one no point has. Mapped, each point is a real input (the very bits
/// <see cref="Kernel.Geometry.AffineSlice.Point"/> gives, the slice's point to the rounding of its sum) evaluated
/// by the same evaluator as a box job, so every counted pattern is the network's at that input. The cost is
/// inputs x dimension multiply-adds per point, small beside the first layer's inputs x units (which composing would
/// cut to dimension x units: a saving on wide inputs, paid for with patterns no point has).
/// </remarks>
public static class SampleCellWork
{
    public static CellPatterns Execute(CountJob job, CellGrid grid, int cellIndex, IPatternEvaluator evaluator, CancellationToken cancel, Action<long>? pointsDone = null)
    {
        var network = job.Network;
        var cell = grid.Cell(cellIndex);
        var batch = evaluator.BatchCapacity;
        var words = network.Layout.Words;
        var points = new double[network.Inputs * batch];
        var slice = job.Slice;
        var parameters = slice is null ? points : new double[slice.Dimension * batch];
        var patterns = new ulong[batch * words];
        // One-word patterns are their own fingerprint: count the words the evaluator writes, in a narrower table.
        var oneWord = words == 1;
        var wordHits = oneWord ? new PatternWordCounter() : null;
        var hits = oneWord ? null : new FingerprintCounter();
        var fingerprints = oneWord ? null : new UInt128[batch];
        var kernel = evaluator as IFingerprintEvaluator;
        var sampler = new PointSampler(cell, job.Sampler, job.Seed, cellIndex);

        var remaining = job.PointsInCell(cellIndex);
        var sinceReport = 0L;
        while (remaining > 0)
        {
            cancel.ThrowIfCancellationRequested();
            var count = (int)Math.Min(batch, remaining);
            sampler.Next(parameters, batch, count);
            slice?.Map(parameters, points, batch, count);
            if (wordHits is not null)
            {
                evaluator.EvaluatePatterns(points, count, patterns);
                wordHits.IncrementAll(patterns.AsSpan(0, count));
            }
            else
            {
                // A generated kernel writes the fingerprints in its own pass; otherwise they are hashed here.
                if (kernel is not null) kernel.EvaluateFingerprints(points, count, patterns, fingerprints);
                else
                {
                    evaluator.EvaluatePatterns(points, count, patterns);
                    for (var p = 0; p < count; p++) fingerprints![p] = Fingerprint.Of(patterns.AsSpan(p * words, words));
                }
                hits!.IncrementAll(fingerprints.AsSpan(0, count));
            }
            remaining -= count;
            sinceReport += count;
            if (sinceReport >= 1 << 16)
            {
                pointsDone?.Invoke(sinceReport);
                sinceReport = 0;
            }
        }
        if (sinceReport > 0) pointsDone?.Invoke(sinceReport);
        return new CellPatterns(cellIndex, wordHits?.ToDictionary() ?? hits!.ToDictionary(), job.PointsInCell(cellIndex));
    }
}
