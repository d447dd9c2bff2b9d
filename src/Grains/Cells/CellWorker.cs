using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Exact;

namespace Regions.Grains.Cells;

/// <summary>
/// Runs the cells of one job, whichever method it uses: the sampling work item with the job's evaluator, or
/// the exact work item with its enumerator. The embedded runner and the cluster silos both call this, one
/// worker per thread (the evaluator and enumerator own scratch state).
/// </summary>
public sealed class CellWorker
{
    private readonly CountJob job;
    private readonly CellGrid grid;
    private readonly IPatternEvaluator? evaluator;
    private readonly ICellEnumerator? enumerator;

    public CellWorker(CountJob job, CellGrid grid)
    {
        this.job = job;
        this.grid = grid;
        if (job.Method == CountMethod.Exact) enumerator = ExactEnumerators.Create(job);
        else evaluator = EvaluatorFactory.Create(job.Network, job.Points);
    }

    public CountJob Job => job;

    /// <param name="pointsDone">Sampling: called with points evaluated since the last call.</param>
    /// <param name="region">Exact: called with every region piece the cell finds.</param>
    public CellPatterns Execute(int cell, CancellationToken cancel, Action<long>? pointsDone = null, Action<int, ExactRegion>? region = null) =>
        enumerator is not null
            ? ExactCellWork.Execute(job, grid, cell, enumerator, cancel, region)
            : SampleCellWork.Execute(job, grid, cell, evaluator!, cancel, pointsDone);
}
