using System.Text.Json;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Exact;
using Regions.Kernel.Model;
using Regions.Kernel;

namespace Regions.Silo.Commands;

/// <summary>
/// <c>--regions-out FILE.jsonl</c>: one JSON line per region piece a cell found, with its pattern (states per
/// layer), fingerprint, a point inside (input coordinates), the affine output maps (over the cell's parameters:
/// x for boxes, t for segments, (u, v) for planes) and the interval or polygon. A region that crosses cells
/// is written once per cell, each line with its piece; with <c>--cells 1</c> every line is a whole region.
/// </summary>
internal sealed class RegionsWriter : IDisposable
{
    private readonly Network network;
    private readonly string coordinates;
    private readonly StreamWriter writer;
    private readonly object gate = new();

    public RegionsWriter(string path, Network network, string coordinates)
    {
        this.network = network;
        this.coordinates = coordinates;
        try
        {
            writer = new StreamWriter(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new InvalidRequestException($"--regions-out: cannot write '{path}': {e.Message}");
        }
    }

    public void Write(int cell, ExactRegion region)
    {
        var states = network.StatesByLayer(region.Pattern);
        var line = new Dictionary<string, object?>
        {
            ["cell"] = cell,
            ["fingerprint"] = Fingerprint.ToHex(region.Fingerprint),
            ["pattern"] = states,
            ["interiorPoint"] = region.InteriorPoint,
            ["coordinates"] = coordinates,
            ["outputMaps"] = region.Outputs.Select(m => new { gradient = m.Gradient, offset = m.Offset }).ToArray(),
        };
        if (region.Interval is { } interval) line["interval"] = new[] { interval.T0, interval.T1 };
        if (region.Polygon is { } polygon) line["polygon"] = polygon.Select(p => new[] { p.U, p.V }).ToArray();
        var text = JsonSerializer.Serialize(line);
        lock (gate) writer.WriteLine(text);
    }

    public void Dispose() => writer.Dispose();
}
