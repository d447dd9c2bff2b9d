using Regions.Grains.Embedded;
using Spectre.Console;

namespace Regions.Silo.Commands;

/// <summary>
/// A live progress bar on stderr, drawn by Spectre.Console only when stderr is a terminal: cells done, the regions
/// found so far, elapsed and remaining time. Workers report from their threads; Spectre redraws on its own.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim started = new();
    private readonly Task display;
    private ProgressTask? bar;
    private long regions = -1;

    private ProgressBar(TextWriter stderr)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        display = console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                Volatile.Write(ref bar, context.AddTask("cells", maxValue: 1));
                started.Set();
                // The display lives until the count ends (Dispose), however the workers report.
                await finished.Task;
            });
        // Reports before the display is up are dropped rather than waited for; this only makes the first one likely to show.
        started.Wait(TimeSpan.FromSeconds(1));
    }

    public static ProgressBar? ForTerminal(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressBar(stderr) : null;

    public void Report(CountProgress progress)
    {
        if (Volatile.Read(ref bar) is not { } task) return;
        var fraction = progress.Points > 0 ? Math.Min(1.0, progress.PointsDone / (double)progress.Points) : progress.CellsDone / (double)progress.Cells;
        // Point reports carry no region count (-1): the last one known stays on screen rather than flickering away.
        if (progress.DistinctSoFar >= 0) Interlocked.Exchange(ref regions, progress.DistinctSoFar);
        var known = Interlocked.Read(ref regions);
        var distinct = known >= 0 ? $", {known} regions" : "";
        task.Description = $"cells {progress.CellsDone}/{progress.Cells}{distinct}";
        task.Value = fraction;
    }

    public void Dispose()
    {
        finished.TrySetResult();
        display.Wait();
        started.Dispose();
    }
}
