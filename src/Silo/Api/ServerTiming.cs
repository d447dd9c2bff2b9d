using System.Diagnostics;
using System.Globalization;

namespace Regions.Silo.Api;

/// <summary>
/// The steps of an answer and their times, sent as a Server-Timing header (enumerate;dur=..., ...), so the page can
/// split what the user waits for into the server's steps and its own.
/// </summary>
internal sealed class ServerTiming
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(string Step, double Ms)> laps = [];
    private double last;

    public static ServerTiming Start() => new();

    /// <summary>Milliseconds since the start.</summary>
    public double Total => clock.Elapsed.TotalMilliseconds;

    /// <summary>Ends a step: the time since the previous one.</summary>
    public void Lap(string step)
    {
        var now = Total;
        laps.Add((step, now - last));
        last = now;
    }

    public string Header() => string.Join(", ", laps.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Step};dur={l.Ms:0.#}")));
}
