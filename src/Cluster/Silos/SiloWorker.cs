using System.Collections.Concurrent;
using Npgsql;
using Regions.Cluster.Jobs;
using Regions.Grains.Cells;
using Regions.Grains.Jobs;
using Regions.Kernel.Evaluation;

namespace Regions.Cluster.Silos;

/// <summary>
/// A long-running cluster worker. It joins the membership table, then each of its threads leases a
/// cell, runs the same cell work item as the embedded mode, and completes it exactly once. A heartbeat
/// extends its leases; a lease lost to cancellation stops that cell's computation. An unreachable
/// database is waited out: a computed cell is kept in memory and its completion retried, so no work is
/// lost while the lease lasts. Stopping returns all leases.
/// </summary>
public sealed class SiloWorker(NpgsqlDataSource database, SiloOptions options, TextWriter log)
{
    private readonly CellLeases leases = new(database, options.Lease);
    private readonly JobStore store = new(database);
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> running = new();
    private readonly ConcurrentDictionary<long, (CountJob Job, CellGrid Grid)> jobs = new();
    private int outage;

    public long CellsCompleted => Interlocked.Read(ref cellsCompleted);

    private long cellsCompleted;

    public async Task RunAsync(CancellationToken stop)
    {
        await WithRetry(Register, stop);
        Log($"silo {options.Name} joined with {options.Threads} threads");
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var heartbeat = Task.Run(() => HeartbeatLoop(heartbeatStop.Token), CancellationToken.None);
        var workers = Enumerable.Range(0, options.Threads).Select(_ => Task.Run(() => WorkLoop(stop), CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        await heartbeatStop.CancelAsync();
        await heartbeat;
        await Leave();
    }

    private async Task WorkLoop(CancellationToken stop)
    {
        CellWorker? worker = null;
        long workerJob = -1;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var lease = await WithRetry(token => leases.LeaseAsync(options.Name, token), stop);
                if (lease is null)
                {
                    if (options.ExitWhenIdle && !await WithRetry(AnyOpenJob, stop)) return;
                    await Delay(options.Idle, stop);
                    continue;
                }
                if (workerJob != lease.JobId)
                {
                    var (job, grid) = await JobFor(lease.JobId, stop);
                    worker = new CellWorker(job, grid);
                    workerJob = lease.JobId;
                }
                await RunCell(lease, worker!, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task RunCell(CellLease lease, CellWorker worker, CancellationToken stop)
    {
        using var cellCancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        running[lease.Token] = cellCancel;
        try
        {
            var patterns = await Task.Run(() => worker.Execute(lease.Cell, cellCancel.Token), cellCancel.Token);
            var outcome = await WithRetry(token => leases.CompleteAsync(lease, patterns, token), stop);
            if (outcome == CompletionOutcome.Merged) Interlocked.Increment(ref cellsCompleted);
            else Log($"cell {lease.Cell} of job {lease.JobId}: lease lost, result discarded (another silo owns it or the job was cancelled)");
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            Log($"cell {lease.Cell} of job {lease.JobId}: stopped (job cancelled or lease lost)");
        }
        finally
        {
            running.TryRemove(lease.Token, out _);
        }
    }

    private async Task HeartbeatLoop(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Delay(options.Heartbeat, stop);
            if (stop.IsCancellationRequested) return;
            try
            {
                var held = running.Keys.ToArray();
                var alive = await leases.ExtendAsync(options.Name, held, stop);
                foreach (var token in held.Where(t => !alive.Contains(t)))
                {
                    if (running.TryGetValue(token, out var cancel)) await cancel.CancelAsync();
                }
                EndOutage();
            }
            catch (Exception e) when (Database.IsUnreachable(e))
            {
                StartOutage(e);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(CountJob, CellGrid)> JobFor(long id, CancellationToken stop)
    {
        if (jobs.TryGetValue(id, out var known)) return known;
        var job = await WithRetry(token => store.LoadJobAsync(id, token), stop)
            ?? throw new InvalidOperationException($"job {id} vanished while one of its cells was leased");
        var entry = (job, new CellGrid(job.Domain, job.Cells));
        jobs[id] = entry;
        return entry;
    }

    private async Task<bool> AnyOpenJob(CancellationToken cancel)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM regions.jobs WHERE state = 'open')");
        return (bool)(await command.ExecuteScalarAsync(cancel))!;
    }

    private async Task<int> Register(CancellationToken cancel)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO regions.silos (name, host, pid, threads) VALUES (@name, @host, @pid, @threads)
            ON CONFLICT (name) DO UPDATE SET host = excluded.host, pid = excluded.pid, threads = excluded.threads,
                started_at = now(), heartbeat_at = now(), stopped_at = NULL
            """);
        command.Parameters.AddWithValue("name", options.Name);
        command.Parameters.AddWithValue("host", Environment.MachineName);
        command.Parameters.AddWithValue("pid", Environment.ProcessId);
        command.Parameters.AddWithValue("threads", options.Threads);
        return await command.ExecuteNonQueryAsync(cancel);
    }

    private async Task Leave()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var returned = await leases.ReleaseAllAsync(options.Name, timeout.Token);
            await using var command = database.CreateCommand("UPDATE regions.silos SET stopped_at = now() WHERE name = @name");
            command.Parameters.AddWithValue("name", options.Name);
            await command.ExecuteNonQueryAsync(timeout.Token);
            Log($"silo {options.Name} left ({returned} leases returned, {CellsCompleted} cells completed)");
        }
        catch (Exception e) when (Database.IsUnreachable(e) || e is OperationCanceledException)
        {
            Log($"silo {options.Name} left without returning its leases (database unreachable); they expire in {options.Lease.TotalSeconds:F0} s");
        }
    }

    /// <summary>Runs a database step, waiting out outages with back-off; only cancellation ends the wait.</summary>
    private async Task<T> WithRetry<T>(Func<CancellationToken, Task<T>> step, CancellationToken stop)
    {
        var wait = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            try
            {
                var result = await step(stop);
                EndOutage();
                return result;
            }
            catch (Exception e) when (Database.IsUnreachable(e))
            {
                StartOutage(e);
                await Delay(wait, stop);
                wait = TimeSpan.FromMilliseconds(Math.Min(5000, wait.TotalMilliseconds * 2));
            }
        }
    }

    private void StartOutage(Exception e)
    {
        if (Interlocked.Exchange(ref outage, 1) == 0) Log($"database unreachable ({Database.Describe(e)}); retrying");
    }

    private void EndOutage()
    {
        if (Interlocked.Exchange(ref outage, 0) == 1) Log("database reachable again");
    }

    private static async Task Delay(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Log(string message)
    {
        lock (log) log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");
    }
}
