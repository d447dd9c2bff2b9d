using Regions.Client;
using Regions.Grains.Jobs;
using Regions.Grains.Merging;
using Regions.Grains.Storage;

namespace Regions.Silo.Api;

/// <summary>A stored job status as the API and the CLI show it, with the Chao1 estimate of a finished sampling job.</summary>
internal static class JobResponses
{
    /// <summary>The Chao1 estimate as the API and the CLI show it, with the counts it was computed from.</summary>
    public static Estimate Estimate(Chao1 chao, long seenOnce, long seenTwice) =>
        new("chao1", chao.Estimate, chao.Lower, chao.Upper, seenOnce, seenTwice);

    /// <summary>The estimate as one line of text.</summary>
    public static string Line(Estimate e) =>
        $"estimate: {e.Regions:F1} (Chao1, 95% interval {e.Lower95:F1} to {e.Upper95:F1}; patterns seen once {e.SeenOnce}, twice {e.SeenTwice})";

    public static JobStatusResponse From(JobStatus s)
    {
        Estimate? estimate = null;
        var sampled = s.Method == CountMethod.Sample.ToToken();
        if (sampled && s.Regions is { } regions && s.SeenOnce is { } f1 && s.SeenTwice is { } f2)
        {
            estimate = Estimate(Chao1.From(regions, f1, f2), f1, f2);
        }
        // An exact job stores the request's points, but samples none: showing them would read as progress that never comes.
        return new JobStatusResponse(s.Id, s.State, s.Method, s.Cells, s.CellsDone, sampled ? s.Points : null, sampled ? s.PointsDone : null, s.DistinctSoFar, s.SilosWorking,
            s.CreatedAt, s.FinishedAt, s.EtaSeconds(DateTimeOffset.UtcNow), s.Regions, s.Regions is null ? null : sampled, estimate, s.Definition)
        {
            Error = s.Error,
        };
    }
}
