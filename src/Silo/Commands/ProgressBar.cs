using System.Diagnostics;
using Regions.Grains.Embedded;

namespace Regions.Silo.Commands;

/// <summary>A one-line live progress bar on stderr, drawn only when stderr is a terminal.</summary>
internal sealed class ProgressBar : IDisposable
{
    private readonly TextWriter stderr;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private long lastDrawTicks = long.MinValue;
    private bool drawn;

    private ProgressBar(TextWriter stderr) => this.stderr = stderr;

    public static ProgressBar? ForTerminal(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressBar(stderr) : null;

    public void Report(CountProgress progress)
    {
        lock (gate)
        {
            var now = clock.ElapsedTicks;
            var done = progress.CellsDone == progress.Cells;
            if (!done && now - lastDrawTicks < Stopwatch.Frequency / 10) return;
            lastDrawTicks = now;
            var fraction = progress.Points > 0 ? Math.Min(1.0, progress.PointsDone / (double)progress.Points) : progress.CellsDone / (double)progress.Cells;
            const int width = 30;
            var filled = (int)(fraction * width);
            var seconds = clock.Elapsed.TotalSeconds;
            var eta = fraction > 0 ? seconds * (1 - fraction) / fraction : double.NaN;
            var distinct = progress.DistinctSoFar >= 0 ? $" {progress.DistinctSoFar} regions" : "";
            stderr.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {fraction,6:P1} cells {progress.CellsDone}/{progress.Cells}{distinct}  {seconds:F1}s eta {eta:F1}s   ");
            drawn = true;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (drawn) stderr.Write("\r" + new string(' ', 100) + "\r");
        }
    }
}
