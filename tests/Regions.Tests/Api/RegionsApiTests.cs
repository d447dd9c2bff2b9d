using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regions.Client;
using Regions.Drawing;
using Regions.Kernel.Evaluation;
using Regions.Kernel.Format;
using Regions.Tests.Support;

namespace Regions.Tests.Api;

/// <summary>
/// POST /regions, GET /regions/{view}/{id} and /regions.png, the explorer's views, and the page's files at /: counts
/// equal the exact count of the same slice, the polygons drawn are the regions', each region's pattern is the pattern
/// /evaluate finds inside it, areas tile the window, neighbours are mutual, colours are the map's, and over the budget
/// the answer says so and the PNG stands in.
/// </summary>
public sealed class RegionsApiTests : IClassFixture<EmbeddedApiTests.Server>
{
    private readonly ServerProcess server;
    private readonly HttpClient http;
    private readonly RegionsClient client;

    public RegionsApiTests(EmbeddedApiTests.Server fixture)
    {
        server = fixture.Process;
        http = new HttpClient { BaseAddress = server.Address };
        client = new RegionsClient(server.Address);
    }

    /// <summary>A 3-input net with two outputs: the view is a real slice, not the input plane.</summary>
    private static readonly Kernel.Model.Network Deep = TestNetworks.Random(11, 3, [8, 8], outputs: 2);

    private static JsonElement NetworkJson => JsonDocument.Parse(NetworkWriter.ToJson(Deep)).RootElement;

    private static readonly double[] Origin = [0.1, -0.2, 0.3], U = [1, 0.5, 0], V = [0, 1, -0.5];
    private const string Box = "-2:2,-1.5:1.5";

    private async Task<(HttpStatusCode Status, JsonNode Body)> Regions(object body)
    {
        using var response = await http.PostAsync("/regions", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Theory]
    [InlineData("activation")]
    [InlineData("linear")]
    public async Task The_view_counts_what_the_exact_count_counts_on_the_same_plane(string definition)
    {
        var (status, view) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V, definition });
        Assert.Equal(HttpStatusCode.OK, status);
        var exact = await client.CountAsync(new JobRequest(NetworkJson, Box, "exact", Cells: 4, Definition: definition, Slice: new SliceRequest(Origin, [U, V])));
        Assert.True(exact.Regions > 10, $"a plane with {exact.Regions} regions tests little");
        Assert.Equal(exact.Regions, (long)view["count"]!);
    }

    private async Task<JsonNode> Region(JsonNode view, int id) =>
        JsonNode.Parse(await http.GetStringAsync($"/regions/{(string)view["view"]!}/{id}"))!;

    /// <summary>The view's polygons as drawing reads them: little-endian int32 starts and float32 fractions of the box, decoded to (u, v).</summary>
    private static (double U, double V)[][] Polygons(JsonNode view)
    {
        var starts = MemoryMarshal.Cast<byte, int>(Convert.FromBase64String((string)view["starts"]!)).ToArray();
        var points = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String((string)view["points"]!)).ToArray();
        var box = view["box"]!.AsArray().Select(x => (double)x!).ToArray();
        return Enumerable.Range(0, starts.Length - 1).Select(i => Enumerable.Range(starts[i], starts[i + 1] - starts[i])
            .Select(k => (box[0] + points[2 * k] * (box[1] - box[0]), box[2] + points[2 * k + 1] * (box[3] - box[2]))).ToArray()).ToArray();
    }

    [Fact]
    public async Task Each_region_has_the_pattern_evaluate_finds_inside_it_and_the_regions_tile_the_window()
    {
        var (_, view) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V, boundary = 1 });
        var polygons = Polygons(view);
        Assert.Equal(polygons.Length, (int)view["count"]!);
        Assert.Equal(polygons.Length, (int)view["activationRegions"]!);
        var colours = Convert.FromBase64String((string)view["colours"]!);
        var regions = new List<JsonNode>();
        for (var i = 0; i < polygons.Length; i++) regions.Add(await Region(view, i));
        foreach (var region in regions.Take(25))
        {
            var id = (int)region["id"]!;
            var polygon = region["polygon"]!.AsArray().Select(x => (double)x!).ToArray();
            // The polygon drawn is the region's, to float32 rounding of the window (4 x 3).
            Assert.Equal(polygon.Length, 2 * polygons[id].Length);
            for (var k = 0; k < polygons[id].Length; k++)
            {
                Assert.Equal(polygon[2 * k], polygons[id][k].U, 1e-6);
                Assert.Equal(polygon[2 * k + 1], polygons[id][k].V, 1e-6);
            }
            // The vertex mean is inside a convex polygon.
            var (u, v) = (Enumerable.Range(0, polygon.Length / 2).Average(i => polygon[2 * i]), Enumerable.Range(0, polygon.Length / 2).Average(i => polygon[2 * i + 1]));
            var x = Origin.Select((o, j) => o + u * U[j] + v * V[j]).ToArray();
            var at = await client.EvaluateAsync(new EvaluateRequest(NetworkJson, x));
            Assert.Equal(JsonSerializer.Serialize(at.States), region["states"]!.ToJsonString());
            // The output maps are over (u, v): at the point they give the network's outputs.
            var outputs = region["outputs"]!.AsArray();
            for (var k = 0; k < at.Outputs.Length; k++)
            {
                var map = outputs[k]!;
                var y = (double)map["gradient"]![0]! * u + (double)map["gradient"]![1]! * v + (double)map["offset"]!;
                Assert.Equal(at.Outputs[k], y, 1e-9 * (1 + Math.Abs(y)));
            }
            var (r, g, b) = PatternColours.Of(UInt128.Parse((string)region["key"]!, System.Globalization.NumberStyles.HexNumber));
            Assert.Equal($"#{r:x2}{g:x2}{b:x2}", (string)region["colour"]!);
            Assert.Equal((r, g, b), (colours[3 * id], colours[3 * id + 1], colours[3 * id + 2]));
        }
        Assert.Equal(4.0 * 3.0, regions.Sum(region => (double)region["area"]!), 1e-9);
        // Neighbours are mutual, and every region of a connected window has one.
        var neighbours = regions.Select(region => region["neighbours"]!.AsArray().Select(n => (int)n!).ToArray()).ToArray();
        for (var id = 0; id < neighbours.Length; id++)
        {
            Assert.NotEmpty(neighbours[id]);
            Assert.All(neighbours[id], n => Assert.Contains(id, neighbours[n]));
        }
        // Every region has a pattern of its own, so every edge is a boundary: none are traced, the outlines are drawn.
        Assert.Null(view["boundaries"]);
        Assert.NotEmpty(Convert.FromBase64String((string)view["zero"]!));
    }

    [Fact]
    public async Task Regions_after_a_layer_are_drawn_with_the_traced_boundaries_between_them()
    {
        var (_, view) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V, layer = 1 });
        var boundaries = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String((string)view["boundaries"]!)).ToArray();
        Assert.True(boundaries.Length > 0 && boundaries.Length % 4 == 0);
        // Segments are fractions of the window, inside it.
        Assert.All(boundaries, f => Assert.InRange(f, -1e-6f, 1 + 1e-6f));
        Assert.True((int)view["count"]! < (int)view["activationRegions"]!);
    }

    [Fact]
    public async Task A_region_of_a_view_not_kept_or_out_of_range_is_a_one_line_404()
    {
        var (_, view) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V });
        foreach (var path in new[] { "/regions/0123456789abcdef/0", $"/regions/{(string)view["view"]!}/{(int)view["activationRegions"]!}" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("not-found", (string)problem["code"]!);
            Assert.DoesNotContain('\n', (string)problem["detail"]!);
        }
    }

    [Fact]
    public async Task Regions_after_a_layer_are_fewer_and_the_first_layer_count_is_an_arrangement_of_lines()
    {
        var (_, all) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V });
        var (_, first) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V, layer = 1 });
        Assert.True((long)first["count"]! < (long)all["count"]!);
        // Eight lines cut a rectangle into at most 1 + 8 + 28 pieces.
        Assert.InRange((long)first["count"]!, 2, 37);
    }

    [Fact]
    public async Task Over_the_budget_the_answer_says_so_and_the_png_draws_the_view()
    {
        var (status, view) = await Regions(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V, maxRegions = 5 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)view["vector"]!);
        Assert.Equal("too many regions for a vector view: 6+; zoom in", (string)view["message"]!);
        using var png = await http.PostAsync("/regions.png", new StringContent(JsonSerializer.Serialize(new { network = NetworkJson, box = Box, origin = Origin, u = U, v = V, width = 400, height = 300 }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync());
        Assert.Equal((400, 300), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("""{"box":"-1:1,-1:1"}""", "network: expected a pwl-network/1 or pwl-network/2 object")]
    [InlineData("""{"network":NET,"box":"-1:1,-1:1","layer":7}""", "7 is out of range")]
    [InlineData("""{"network":NET,"box":"-1:1,-1:1","u":[1,0,0],"v":[2,0,0]}""", "parallel")]
    [InlineData("""{"network":NET,"box":"-1:1,-1:1","maxRegions":0}""", "maxRegions")]
    [InlineData("""{"network":NET,"box":"-1:1,-1:1","boundary":2}""", "output 2 is out of range")]
    public async Task Bad_views_are_one_line_400s(string body, string expected)
    {
        using var response = await http.PostAsync("/regions", new StringContent(body.Replace("NET", NetworkWriter.ToJson(Deep)), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;
        Assert.Contains(expected, detail);
        Assert.DoesNotContain('\n', detail);
    }

    [Theory]
    [InlineData("/", "text/html", "<script type=\"module\"")]
    [InlineData("/explorer/explorer.js", "text/javascript", "import ")]
    [InlineData("/explorer/style.css", "text/css", "#map")]
    public async Task The_page_is_served_with_its_content_types(string path, string type, string content)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/explorer/nothing.js")).StatusCode);
    }
}
