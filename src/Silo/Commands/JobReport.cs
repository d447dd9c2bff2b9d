using System.Text.Json;
using Regions.Cluster.Jobs;
using Regions.Grains.Merging;

namespace Regions.Silo.Commands;

/// <summary>Text and JSON renderings of a cluster job, shared by status, result and jobs.</summary>
internal static class JobReport
{
    public static string Line(JobStatus s, DateTimeOffset now)
    {
        var eta = s.EtaSeconds(now) is { } seconds ? $", eta {seconds:F1} s" : "";
        var regions = s.Regions is { } r ? $"{r} regions" : $"{s.DistinctSoFar} regions so far";
        return $"job {s.Id}: {s.State}, cells {s.CellsDone}/{s.Cells}, {regions}, {s.SilosWorking} silos working{eta}";
    }

    public static Dictionary<string, object?> Json(JobStatus s, DateTimeOffset now)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = s.Id,
            ["state"] = s.State,
            ["method"] = s.Method,
            ["cells"] = s.Cells,
            ["cellsDone"] = s.CellsDone,
            ["points"] = s.Points,
            ["pointsDone"] = s.PointsDone,
            ["distinctSoFar"] = s.DistinctSoFar,
            ["silosWorking"] = s.SilosWorking,
            ["createdAt"] = s.CreatedAt,
            ["finishedAt"] = s.FinishedAt,
            ["etaSeconds"] = s.EtaSeconds(now),
        };
        if (s.Regions is { } regions)
        {
            json["regions"] = regions;
            json["lowerBound"] = s.Method == "sample";
            json["seconds"] = s.FinishedAt is { } end ? (end - s.CreatedAt).TotalSeconds : null;
            if (s.SeenOnce is { } f1 && s.SeenTwice is { } f2)
            {
                var estimate = Chao1.From(regions, f1, f2);
                json["estimate"] = new Dictionary<string, object>
                {
                    ["method"] = "chao1",
                    ["regions"] = Math.Round(estimate.Estimate, 3),
                    ["lower95"] = Math.Round(estimate.Lower, 3),
                    ["upper95"] = Math.Round(estimate.Upper, 3),
                    ["seenOnce"] = f1,
                    ["seenTwice"] = f2,
                };
            }
        }
        return json;
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value);
}
