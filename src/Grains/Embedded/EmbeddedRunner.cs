using System.Diagnostics;
using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Grains.Merging;
using Regions.Kernel.Evaluation;

namespace Regions.Grains.Embedded;

/// <summary>
/// The embedded single silo: runs every cell work item of a job on the cores of this process and
/// merges their pattern sets. Same seed, same count, whatever the thread count.
/// </summary>
public static class EmbeddedRunner
{
    public static CountResult Run(CountJob job, int threads = 0, Action<CountProgress>? progress = null, CancellationToken cancel = default)
    {
        job = job.Validated();
        if (job.Method != CountMethod.Sample)
            throw new Kernel.InvalidRequestException("exact enumeration is not available yet; use --method sample");
        var stopwatch = Stopwatch.StartNew();
        var grid = new CellGrid(job.Domain, job.Cells);
        var tally = new PatternTally();
        var gate = new object();
        long pointsDone = 0;
        var cellsDone = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancel,
        };
        Parallel.For(0, job.Cells, options,
            () => EvaluatorFactory.Create(job.Network),
            (cellIndex, _, evaluator) =>
            {
                var cell = SampleCellWork.Execute(job, grid, cellIndex, evaluator, cancel, done =>
                {
                    var total = Interlocked.Add(ref pointsDone, done);
                    progress?.Invoke(new CountProgress(Volatile.Read(ref cellsDone), job.Cells, total, job.Points, -1));
                });
                lock (gate)
                {
                    tally.Merge(cell);
                    cellsDone++;
                    progress?.Invoke(new CountProgress(cellsDone, job.Cells, Interlocked.Read(ref pointsDone), job.Points, tally.Distinct));
                }
                return evaluator;
            },
            _ => { });
        var (f1, f2) = tally.Frequencies();
        return new CountResult(
            tally.Distinct, CountMethod.Sample, "activation", IsLowerBound: true,
            tally.Points, job.Cells, stopwatch.Elapsed.TotalSeconds, f1, f2, Chao1.From(tally.Distinct, f1, f2));
    }
}
