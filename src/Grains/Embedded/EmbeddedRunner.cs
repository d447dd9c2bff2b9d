using System.Diagnostics;
using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Grains.Merging;
using Regions.Kernel;
using Regions.Kernel.Exact;

namespace Regions.Grains.Embedded;

/// <summary>
/// The embedded single silo: runs every cell work item of a job on the cores of this process and
/// merges their pattern sets. Same job, same count, whatever the thread count.
/// </summary>
public static class EmbeddedRunner
{
    /// <param name="region">Exact jobs only: called with (cell, region) for every region piece a cell finds, from worker threads.</param>
    public static CountResult Run(CountJob job, int threads = 0, Action<CountProgress>? progress = null, CancellationToken cancel = default,
        Action<int, ExactRegion>? region = null)
    {
        try
        {
            return RunCells(job, threads, progress, cancel, region);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A cell's own error (bad request, cancellation) is the job's error, not a wrapper around it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
    }

    private static CountResult RunCells(CountJob job, int threads, Action<CountProgress>? progress, CancellationToken cancel, Action<int, ExactRegion>? region)
    {
        job = job.Validated(threads);
        var stopwatch = Stopwatch.StartNew();
        var grid = new CellGrid(job.Domain, job.Cells);
        var tally = new PatternTally();
        var merges = new List<LinearMerge>();
        var maps = job.Definition == RegionDefinition.Affine ? new DistinctAffineMaps() : null;
        if (maps is not null)
        {
            var caller = region;
            region = (cell, r) =>
            {
                maps.Add(r);
                caller?.Invoke(cell, r);
            };
        }
        var gate = new object();
        long pointsDone = 0;
        var cellsDone = 0;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancel,
        };
        void Merge(CellPatterns cell)
        {
            lock (gate)
            {
                tally.Merge(cell);
                merges.AddRange(cell.Merges);
                cellsDone++;
                progress?.Invoke(new CountProgress(cellsDone, job.Cells, Interlocked.Read(ref pointsDone), job.Points, tally.Distinct));
            }
        }

        Parallel.For(0, job.Cells, options, () => new CellWorker(job, grid), (cellIndex, _, worker) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    Merge(worker.Execute(cellIndex, cancel, done =>
                    {
                        var total = Interlocked.Add(ref pointsDone, done);
                        progress?.Invoke(new CountProgress(Volatile.Read(ref cellsDone), job.Cells, total, job.Points, -1));
                    }, region));
                    return worker;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (CellFailures.JobFailure(cellIndex, attempt, CellFailures.IsRefusal(e), e.Message) is { } failure)
                        throw new InvalidRequestException(failure);
                    // A worker that threw may hold half-updated scratch state: the retry gets a fresh one.
                    worker = new CellWorker(job, grid);
                }
            }
        }, _ => { });
        if (job.Method == CountMethod.Exact)
        {
            return new CountResult(ExactCount(job, tally, merges, maps), CountMethod.Exact, job.Definition.ToToken(), IsLowerBound: false,
                0, job.Cells, stopwatch.Elapsed.TotalSeconds, 0, 0, null);
        }
        var (f1, f2) = tally.Frequencies();
        return new CountResult(
            tally.Distinct, CountMethod.Sample, RegionDefinition.Activation.ToToken(), IsLowerBound: true,
            tally.Points, job.Cells, stopwatch.Elapsed.TotalSeconds, f1, f2, Chao1.From(tally.Distinct, f1, f2));
    }

    /// <summary>
    /// Activation regions (and patterns) are the distinct fingerprints; affine maps are the distinct maps of the
    /// regions; linear regions are the components of the merge graph over them. A merge naming a pattern no cell
    /// found (a sliver below the tolerance) is ignored.
    /// </summary>
    private static long ExactCount(CountJob job, PatternTally tally, List<LinearMerge> merges, DistinctAffineMaps? maps)
    {
        if (job.Definition is RegionDefinition.Activation or RegionDefinition.Patterns) return tally.Distinct;
        if (maps is not null) return maps.Count();
        var components = new FingerprintUnionFind();
        foreach (var fingerprint in tally.Hits.Keys) components.Add(fingerprint);
        foreach (var merge in merges)
        {
            if (tally.Hits.ContainsKey(merge.A) && tally.Hits.ContainsKey(merge.B)) components.Union(merge.A, merge.B);
        }
        return components.Components;
    }

}
