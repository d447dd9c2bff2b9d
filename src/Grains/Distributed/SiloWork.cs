using System.Collections.Concurrent;
using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Grains.Storage;

namespace Regions.Grains.Distributed;

/// <summary>
/// What one silo keeps for its cell runner across activations: how many cells it runs at once, and per job
/// the parsed job, its grid and a pool of <see cref="CellWorker"/>s (each owns scratch memory for one thread).
/// </summary>
public sealed class SiloWork(int threads)
{
    private readonly ConcurrentDictionary<long, JobWork> jobs = new();
    private readonly ConcurrentDictionary<long, byte> stopped = new();

    public int Threads { get; } = Math.Max(1, threads);

    /// <summary>Bounds the cells computing at once on this silo, whatever job they belong to.</summary>
    public SemaphoreSlim Gate { get; } = new(Math.Max(1, threads));

    /// <summary>The job's work on this silo, or null when the job was stopped here.</summary>
    public JobWork? For(JobSpec spec)
    {
        if (stopped.ContainsKey(spec.Id)) return null;
        return jobs.GetOrAdd(spec.Id, _ => new JobWork(spec.ToCountJob()));
    }

    /// <summary>Stops the job's cells on this silo, and refuses any it is asked to run later; false when it was stopped already.</summary>
    public bool Stop(long job)
    {
        var first = stopped.TryAdd(job, 0);
        if (jobs.TryRemove(job, out var work)) work.Stop.Cancel();
        return first;
    }

    public sealed class JobWork(CountJob job)
    {
        private readonly CellGrid grid = new(job.Domain, job.Cells);
        private readonly ConcurrentBag<CellWorker> idle = new();

        public CancellationTokenSource Stop { get; } = new();

        public CellPatterns Execute(int cell)
        {
            if (!idle.TryTake(out var worker)) worker = new CellWorker(job, grid);
            try
            {
                return worker.Execute(cell, Stop.Token);
            }
            finally
            {
                idle.Add(worker);
            }
        }
    }
}
