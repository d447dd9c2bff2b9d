using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Regions.Drawing;
using Regions.Kernel;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Model;
using Regions.Silo.Commands;

namespace Regions.Silo.Api;

/// <summary>
/// The explorer's views: POST /regions, the exact regions of a rectangle of a plane as what drawing needs (polygons,
/// colours, boundaries, the count); GET /regions/{view}/{id}, one region of a view described (pattern per layer, maps,
/// area, neighbours), asked when the page hovers it; POST /regions.png, the same view as `map` draws it in PNG, the
/// fallback over the region budget. All run in the API process, so they answer alike in front of the in-process silo
/// and of a cluster.
/// </summary>
internal static class RegionEndpoints
{
    /// <summary>Above this many activation regions a view is refused as vectors (the page then asks for the PNG).</summary>
    public const int MaxVectorRegions = 200_000;

    public static void Map(WebApplication app, TimeSpan syncTimeout)
    {
        var views = new ViewStore();
        app.MapPost("/regions", async (HttpRequest request) =>
        {
            var view = View.Of(await RequestReader.ReadAsync<RegionsRequest>(request));
            var budget = view.Request.MaxRegions ?? MaxVectorRegions;
            if (budget < 1 || budget > MaxVectorRegions) throw new InvalidRequestException("maxRegions", $"{budget} is outside 1..{MaxVectorRegions}");
            var clock = ServerTiming.Start();
            var regions = await SyncLimit.RunAsync(cancel => PlaneRegions.Enumerate(view.Network, view.Plane.Slice, view.Plane.Box, view.Partition, budget, cancel),
                syncTimeout, request.HttpContext.RequestAborted, "view", "zoom in");
            clock.Lap("enumerate");
            if (regions is null)
                return Results.Ok(new
                {
                    vector = false,
                    message = $"too many regions for a vector view: {budget + 1:N0}+; zoom in",
                    maxRegions = budget,
                    box = new[] { view.Plane.Box.Lower[0], view.Plane.Box.Upper[0], view.Plane.Box.Lower[1], view.Plane.Box.Upper[1] },
                });
            var body = Describe(view, views.Add(view.Network, regions), clock);
            var json = JsonSerializer.SerializeToUtf8Bytes(body, Json);
            clock.Lap("write");
            request.HttpContext.Response.Headers["Server-Timing"] = clock.Header();
            return Results.Bytes(json, "application/json");
        }).Accepts<RegionsRequest>("application/json").ProducesProblem(400).ProducesProblem(503)
        .WithSummary("The exact regions of a 2-D view")
        .WithDescription("The regions of the rectangle box (u0:u1,v0:v1) of the plane x = origin + u U + v V (default: the first two inputs), as drawing needs them: polygons (starts: int32 vertex offsets; points: float32 (u, v) as fractions of the box), colours (r g b bytes), boundaries between regions of different keys (float32 segments; null when every edge is one) and the zero set of output boundary, all base64 of little-endian arrays; the count of the partition asked (definition activation or linear, or layer L: the regions after layer L); and view, the id under which GET /regions/{view}/{id} describes a region. Over maxRegions activation regions the answer is vector: false with a message; POST /regions.png draws that view.");

        app.MapGet("/regions/{view}/{id:int}", async (string view, int id) =>
        {
            var stored = views.Find(view) ?? throw new ApiError(StatusCodes.Status404NotFound,
                $"view {view} is no longer kept (the server keeps the latest views, up to {ViewStore.MaxRegionsKept:N0} regions); draw it again");
            var list = stored.Regions.Regions;
            if (id < 0 || id >= list.Count) throw new ApiError(StatusCodes.Status404NotFound, $"view {view} has regions 0..{list.Count - 1}, not {id}");
            var neighbours = await Task.Run(() => stored.Neighbours);
            var r = list[id];
            var (cr, cg, cb) = PatternColours.Of(r.Key);
            return Results.Json(new
            {
                id,
                key = Fingerprint.ToHex(r.Key),
                fingerprint = Fingerprint.ToHex(r.Fingerprint),
                colour = $"#{cr:x2}{cg:x2}{cb:x2}",
                polygon = r.Polygon.SelectMany(p => new[] { p.U, p.V }).ToArray(),
                states = stored.Network.StatesByLayer(r.Pattern),
                outputs = r.Outputs.Select(m => new { gradient = m.Gradient, offset = m.Offset }).ToArray(),
                area = r.Area,
                neighbours = neighbours[id],
            }, Json);
        }).ProducesProblem(404)
        .WithSummary("One region of a view")
        .WithDescription("Region id of a view POST /regions answered (its view field): polygon in (u, v) in full precision, pattern per layer, output maps over (u, v), area, neighbours (ids of the regions sharing an edge with it), key and colour. The server keeps the latest views up to a number of regions; an older view is 404 and must be asked again.");

        app.MapPost("/regions.png", async (HttpRequest request) =>
        {
            var view = View.Of(await RequestReader.ReadAsync<RegionsRequest>(request));
            var (width, height) = (view.Request.Width ?? 800, view.Request.Height ?? 800);
            if (width < MapPicture.MinWidth || height < MapPicture.MinHeight || width > 4096 || height > 4096)
                throw new InvalidRequestException("width", $"{width}x{height} is outside {MapPicture.MinWidth}x{MapPicture.MinHeight} .. 4096x4096");
            var png = await SyncLimit.RunAsync(cancel => Png(view, width, height), syncTimeout, request.HttpContext.RequestAborted, "view", "zoom in");
            return Results.Bytes(png, "image/png");
        }).Accepts<RegionsRequest>("application/json").Produces(200, contentType: "image/png").ProducesProblem(400)
        .WithSummary("A 2-D view as a PNG")
        .WithDescription("The view of POST /regions drawn from sampled pixels (one colour per pattern; the count seen, a lower bound, in the title): the fallback for views with too many regions to send as polygons.");
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Describe(View view, StoredView stored, ServerTiming clock)
    {
        var regions = stored.Regions;
        var (list, box) = (regions.Regions, regions.Box);
        // When every polygon has a key of its own (activation regions) every edge between two is a boundary, and the page
        // strokes the outlines: tracing them would cost more than the enumeration's drawing needs.
        var boundaries = regions.Count == list.Count ? null : BoundaryTracer.Trace(list, box);
        var zero = view.Request.Boundary is { } k ? ZeroSet.Of(list, k) : [];
        clock.Lap("boundaries");
        var drawn = new
        {
            vector = true,
            view = stored.Id,
            count = regions.Count,
            partition = view.Partition.Describe(),
            activationRegions = list.Count,
            box = new[] { box.Lower[0], box.Upper[0], box.Lower[1], box.Upper[1] },
            slice = new { origin = view.Plane.Slice.Origin, u = view.Plane.Slice.Directions[0], v = view.Plane.Slice.Directions[1], description = view.Plane.Description },
            starts = ViewEncoding.Starts(list),
            points = ViewEncoding.Points(list, box),
            colours = ViewEncoding.Colours(list),
            boundaries = boundaries is null ? null : ViewEncoding.Segments(boundaries, box),
            zero = ViewEncoding.Segments(zero, box),
            milliseconds = clock.Total,
        };
        clock.Lap("encode");
        return drawn;
    }

    /// <summary>What `regions map` draws over its budget: sampled pixels, with the pixels' count (a lower bound) in the title.</summary>
    private static byte[] Png(View view, int width, int height)
    {
        var (plotWidth, plotHeight) = MapPicture.PlotSize(width, height);
        var (slice, b) = (view.Plane.Slice, view.Plane.Box);
        var picture = RegionMap.Render(view.Network, new PlaneSlice(slice.Origin, slice.Directions[0], slice.Directions[1], b.Lower[0], b.Upper[0], b.Lower[1], b.Upper[1]), plotWidth, plotHeight);
        var title = new[] { view.Plane.Description, $"at least {picture.DistinctPatterns:N0} activation regions (sampled pixels, a lower bound)" };
        using var output = new MemoryStream();
        MapPicture.Write(output, MapFormat.Png, width, height, new MapContent(b, title, null, picture, [], []));
        return output.ToArray();
    }

    /// <summary>A request made into a network, a plane and a partition, with map's checks and messages.</summary>
    private sealed record View(RegionsRequest Request, Network Network, MapPlane Plane, MapPartition Partition)
    {
        public static View Of(RegionsRequest request)
        {
            var network = RequestReader.Network(request.Network);
            if (network.PiecewiseUnits > ServeOptions.MaxSyncExactUnits)
                throw new ApiError(400, $"network: a view takes up to {ServeOptions.MaxSyncExactUnits} piecewise units");
            if (network.Inputs < 2) throw new InvalidRequestException("network", "a view needs two directions: the network has one input");
            var definition = request.Definition ?? "activation";
            if (definition is not ("activation" or "linear")) throw new InvalidRequestException("definition", $"'{definition}' is not activation or linear");
            var partition = new MapPartition(definition == "linear", request.Layer).CheckedFor(network);
            if (request.Boundary is { } k && (k < 0 || k >= network.Outputs))
                throw new InvalidRequestException("boundary", $"output {k} is out of range: the network has {network.Outputs} output{(network.Outputs == 1 ? "" : "s")} (0..{network.Outputs - 1})");
            var plane = MapPlane.From(network, request.Box, Text(request.Origin), Text(request.U), Text(request.V), null, null, Kernel.Limits.ResourceLimits.Default);
            return new View(request, network, plane, partition);
        }

        /// <summary>A vector as map's options spell it, so MapPlane checks it with the same rules.</summary>
        private static string? Text(double[]? x) => x is null ? null : string.Join(",", x.Select(c => c.ToString("R", CultureInfo.InvariantCulture)));
    }
}

/// <summary>The body of POST /regions and /regions.png: a network and a view of a plane through its input space.</summary>
internal sealed record RegionsRequest(JsonElement Network, string? Box, double[]? Origin, double[]? U, double[]? V,
    string? Definition, int? Layer, int? Boundary, int? MaxRegions, int? Width, int? Height);
