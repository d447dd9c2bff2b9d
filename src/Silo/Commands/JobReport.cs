using System.Text.Json;
using Regions.Client;

namespace Regions.Silo.Commands;

/// <summary>Text and JSON renderings of a job, shared by submit, status, result and jobs.</summary>
internal static class JobReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Line(JobStatusResponse s)
    {
        var eta = s.EtaSeconds is { } seconds ? $", eta {seconds:F1} s" : "";
        var kind = s.Definition == "linear" ? "linear regions" : "regions";
        var regions = s.Regions is { } r ? $"{r} {kind}{(s.LowerBound == true ? " (lower bound)" : "")}" : $"{s.DistinctSoFar} activation regions so far";
        return $"job {s.Id}: {s.State}, cells {s.CellsDone}/{s.Cells}, {regions}, {s.SilosWorking} silos working{eta}";
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}
