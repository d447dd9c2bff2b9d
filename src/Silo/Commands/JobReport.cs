using System.Text.Json;
using Regions.Client;
using Regions.Grains.Jobs;

namespace Regions.Silo.Commands;

/// <summary>Text and JSON renderings of a job, shared by submit, status, result and jobs.</summary>
internal static class JobReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Line(JobStatusResponse s)
    {
        var eta = s.EtaSeconds is { } seconds ? $", eta {seconds:F1} s" : "";
        var kind = s.Definition == RegionDefinition.Linear.ToToken() ? "linear regions" : "regions";
        var regions = s.Regions is { } r ? $"{r} {kind}{(s.LowerBound == true ? " (lower bound)" : "")}" : $"{s.DistinctSoFar} activation regions so far";
        // A failed job says why in the same line: the message of the cell that failed it.
        var state = s.Error is null ? s.State : $"{s.State} ({s.Error})";
        return $"job {s.Id}: {state}, cells {s.CellsDone}/{s.Cells}, {regions}, {s.SilosWorking} silos working{eta}";
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}
