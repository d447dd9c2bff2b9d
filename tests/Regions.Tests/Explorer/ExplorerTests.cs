using System.Text.Json;
using Microsoft.Playwright;
using Regions.Client;
using Xunit.Abstractions;

namespace Regions.Tests.Explorer;

/// <summary>
/// The explorer in a real browser: the count it shows is the exact count of the window it shows, before and after a
/// zoom; the pattern it shows for a hovered region is /evaluate's at that point; a bad file gets the API's message.
/// With REGIONS_SCREENSHOT=path the first test also saves a screenshot (the README's docs/explorer.png).
/// </summary>
public sealed class ExplorerTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private RegionsClient Client => new(browser.Server.Address);

    /// <summary>Waits until the view asked after <paramref name="before"/> is drawn (a vector view, or the raster fallback).</summary>
    internal static async Task<int> DrawnAsync(IPage page, int before)
    {
        var handle = await page.WaitForFunctionAsync(
            $"() => window.explorer.drawn > {before} && window.explorer.drawn === window.explorer.sequence ? window.explorer.drawn : 0",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        return await handle.JsonValueAsync<int>();
    }

    internal static async Task<int> BuildAsync(IPage page, string construction, string inputs, string widths)
    {
        await page.SelectOptionAsync("#construction", construction);
        await page.FillAsync("#inputs", inputs);
        await page.FillAsync("#widths", widths);
        await page.ClickAsync("#build");
        return await DrawnAsync(page, 0);
    }

    /// <summary>The count the page shows, and what POST /count's exact enumeration gives on the window the page shows.</summary>
    private async Task<(long Shown, long Exact)> CountsAsync(IPage page)
    {
        var shown = long.Parse((await page.GetAttributeAsync("#count", "data-count"))!);
        var network = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.explorer.network)")).RootElement;
        var box = await page.EvaluateAsync<double[]>("() => window.explorer.box");
        var slice = await page.EvaluateAsync<double[][]>("() => [window.explorer.view.slice.origin, window.explorer.view.slice.u, window.explorer.view.slice.v]");
        var exact = await Client.CountAsync(new JobRequest(network, FormattableString.Invariant($"{box[0]:R}:{box[1]:R},{box[2]:R}:{box[3]:R}"),
            "exact", Cells: 1, Slice: new SliceRequest(slice[0], [slice[1], slice[2]])));
        return (shown, exact.Regions);
    }

    [Fact]
    public async Task A_construction_is_drawn_with_its_exact_count_hovered_and_zoomed()
    {
        var page = await browser.OpenAsync();
        var drawn = await BuildAsync(page, "montufar", "2", "4,4,3");
        var (shown, exact) = await CountsAsync(page);
        Assert.True(shown > 20, $"a view of {shown} regions tests little");
        Assert.Equal(exact, shown);
        Assert.NotEmpty(await page.InnerTextAsync("#bounds"));

        // The largest region (its area from the polygon the page holds), its vertex mean on the screen and in (u, v),
        // and the colour drawn there, which must be the region's own.
        var target = await page.EvaluateAsync<double[]>("""
            () => {
              const e = window.explorer, view = e.view, canvas = document.getElementById('map'), rect = canvas.getBoundingClientRect();
              const { starts, points } = view;
              const area = i => {
                let twice = 0;
                for (let k = starts[i], j = starts[i + 1] - 1; k < starts[i + 1]; j = k++) twice += points[2 * j] * points[2 * k + 1] - points[2 * k] * points[2 * j + 1];
                return Math.abs(twice) / 2;
              };
              let id = 0;
              for (let i = 1; i < view.regions; i++) if (area(i) > area(id)) id = i;
              const n = starts[id + 1] - starts[id];
              let x = 0, y = 0;
              for (let k = starts[id]; k < starts[id + 1]; k++) { x += points[2 * k] / n; y += points[2 * k + 1] / n; }
              const [u0, u1, v0, v1] = e.box;
              const scale = canvas.width / 720;
              const pixel = canvas.getContext('2d').getImageData(Math.floor(x * 720 * scale), Math.floor((1 - y) * 720 * scale), 1, 1).data;
              const own = [0, 1, 2].every(c => pixel[c] === view.rgb[3 * id + c]);
              return [rect.left + x * 720, rect.top + (1 - y) * 720, u0 + x * (u1 - u0), v0 + y * (v1 - v0), id,
                area(id) * (u1 - u0) * (v1 - v0), own ? 1 : 0];
            }
            """);
        Assert.True(target[6] == 1, "the colour drawn inside the largest region is not its own");

        // Hover it: the page shows the pattern /evaluate finds at that point, and the area of the polygon drawn.
        await page.Mouse.MoveAsync((float)target[0], (float)target[1]);
        await page.WaitForFunctionAsync($"() => document.getElementById('region-id')?.textContent === '{(int)target[4]}'");
        Assert.Equal(target[5], double.Parse(await page.InnerTextAsync("#region-area"), System.Globalization.CultureInfo.InvariantCulture), 1e-5 * target[5]);
        var layers = await page.Locator("#region code.layer").AllInnerTextsAsync();
        var slice = await page.EvaluateAsync<double[][]>("() => [window.explorer.view.slice.origin, window.explorer.view.slice.u, window.explorer.view.slice.v]");
        var x = slice[0].Select((o, j) => o + target[2] * slice[1][j] + target[3] * slice[2][j]).ToArray();
        var network = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.explorer.network)")).RootElement;
        var at = await Client.EvaluateAsync(new EvaluateRequest(network, x));
        Assert.Equal(at.States.Where(s => s.Length > 0).Select(s => string.Concat(s)), layers);
        Assert.NotEmpty(await page.InnerTextAsync("#region-neighbours"));

        if (Environment.GetEnvironmentVariable("REGIONS_SCREENSHOT") is { Length: > 0 } path)
        {
            await page.CheckAsync("#boundary");
            drawn = await DrawnAsync(page, drawn);
            await page.Mouse.MoveAsync((float)target[0], (float)target[1] + 1);
            await page.Mouse.MoveAsync((float)target[0], (float)target[1]);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
            output.WriteLine($"screenshot: {path}");
        }

        // Zoom in: a new window, enumerated again; its count is again the exact one.
        var before = await page.EvaluateAsync<double[]>("() => window.explorer.box");
        await page.ClickAsync("#zoom-in");
        drawn = await DrawnAsync(page, drawn);
        var after = await page.EvaluateAsync<double[]>("() => window.explorer.box");
        Assert.Equal((before[1] - before[0]) / 2, after[1] - after[0], 1e-12);
        var (zoomed, zoomedExact) = await CountsAsync(page);
        Assert.Equal(zoomedExact, zoomed);
        Assert.True(zoomed < shown, $"half the window shows {zoomed} of {shown} regions");

        // Merging into linear regions: the exact linear count of the same window.
        await page.CheckAsync("#linear");
        await DrawnAsync(page, drawn);
        var linear = long.Parse((await page.GetAttributeAsync("#count", "data-count"))!);
        var box = await page.EvaluateAsync<double[]>("() => window.explorer.box");
        var exactLinear = await Client.CountAsync(new JobRequest(network, FormattableString.Invariant($"{box[0]:R}:{box[1]:R},{box[2]:R}:{box[3]:R}"),
            "exact", Cells: 1, Definition: "linear"));
        Assert.Equal(exactLinear.Regions, linear);
    }

    [Fact]
    public async Task A_bad_file_shows_the_apis_message()
    {
        var page = await browser.OpenAsync();
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "model.onnx", MimeType = "application/octet-stream", Buffer = [1, 2, 3, 4, 5, 6, 7, 8] });
        await page.WaitForFunctionAsync("() => document.getElementById('message').textContent.length > 0");
        var message = await page.InnerTextAsync("#message");
        output.WriteLine(message);
        Assert.StartsWith("model.onnx: ", message);
        Assert.DoesNotContain("\n", message);
        Assert.DoesNotContain("500", message);

        // A JSON file that is not a network: the view's 400 names what is wrong.
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "net.json", MimeType = "application/json", Buffer = "{\"format\":\"pwl-network/1\",\"inputs\":2}"u8.ToArray() });
        await page.WaitForFunctionAsync("() => document.getElementById('message').textContent.includes('network')");
        Assert.Contains("layers", await page.InnerTextAsync("#message"));
    }

    [Fact]
    public async Task Over_the_budget_the_page_shows_the_message_and_a_raster()
    {
        var page = await browser.OpenAsync();
        await page.FillAsync("#budget", "10");
        await BuildAsync(page, "montufar", "2", "4,4,3");
        Assert.Equal("too many regions for a vector view: 11+; zoom in", await page.InnerTextAsync("#message"));
        Assert.True(await page.IsVisibleAsync("#raster"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('raster').complete && document.getElementById('raster').naturalWidth === 720"));
    }

    /// <summary>
    /// The speed of pan and zoom on a view of about 10^4 regions: 150 lines of the shallow construction. Measured from
    /// the user's action (the page's request) to the frame that shows the new view, split into the server's steps
    /// (Server-Timing) and the page's (transfer, parse, decode, draw, frame), and reported, not asserted (the machine is
    /// shared). So is a first hover, which pays for the view's neighbours.
    /// </summary>
    [Fact]
    public async Task Pan_and_zoom_of_a_ten_thousand_region_view_is_measured()
    {
        var page = await browser.OpenAsync();
        var drawn = await BuildAsync(page, "shallow", "2", "150");
        var regions = await page.EvaluateAsync<int>("() => window.explorer.view.activationRegions");
        Assert.True(regions >= 8_000, $"the view has {regions} regions, not about 10^4");
        var times = new List<(string Step, double Ms, int Regions, Dictionary<string, double> Steps)>();
        async Task Measure(string step, Func<Task> act)
        {
            await act();
            drawn = await DrawnAsync(page, drawn);
            // Through JSON.stringify: Playwright hands a -0 over as a string.
            var last = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.explorer.last)")).RootElement;
            var steps = new Dictionary<string, double> { ["bytes"] = last.GetProperty("bytes").GetDouble() };
            foreach (var s in last.GetProperty("steps").EnumerateObject())
            {
                if (s.Value.ValueKind == JsonValueKind.Object)
                    foreach (var server in s.Value.EnumerateObject()) steps[$"server {server.Name}"] = server.Value.GetDouble();
                else steps[s.Name] = s.Value.GetDouble();
            }
            times.Add((step, last.GetProperty("ms").GetDouble(), last.GetProperty("activationRegions").GetInt32(), steps));
        }
        var box = await page.Locator("#map").BoundingBoxAsync();
        var (cx, cy) = (box!.X + box.Width / 2, box.Y + box.Height / 2);
        for (var i = 0; i < 3; i++)
        {
            await Measure("pan", async () =>
            {
                await page.Mouse.MoveAsync(cx, cy);
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync(cx + 20, cy + 10, new MouseMoveOptions { Steps = 3 });
                await page.Mouse.UpAsync();
            });
            await Measure("zoom in", () => page.ClickAsync("#zoom-in"));
            await Measure("zoom out", () => page.ClickAsync("#zoom-out"));
        }
        static double Median(IEnumerable<double> xs)
        {
            var sorted = xs.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
        foreach (var (step, ms, count, steps) in times)
            output.WriteLine($"{step}: {ms:0} ms for {count} regions: " + string.Join(", ", steps.Select(s => s.Key == "bytes" ? $"{s.Value / 1e6:0.00} MB" : $"{s.Key} {s.Value:0}")));
        var names = times[0].Steps.Keys.Where(k => k != "bytes");
        output.WriteLine($"pan/zoom of a view of ~{regions} regions: median {Median(times.Select(t => t.Ms)):0} ms, max {times.Max(t => t.Ms):0} ms; "
            + $"medians of the steps (ms): {string.Join(", ", names.Select(k => $"{k} {Median(times.Select(t => t.Steps.GetValueOrDefault(k))):0}"))}; "
            + $"payload {Median(times.Select(t => t.Steps["bytes"])) / 1e6:0.00} MB");

        // A first hover on the view asks the server for the region and the view's neighbours.
        await page.EvaluateAsync("() => { document.getElementById('region').textContent = ''; }");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.Mouse.MoveAsync(cx + 3, cy + 3);
        await page.WaitForFunctionAsync("() => document.getElementById('region-neighbours')?.textContent.length > 0");
        output.WriteLine($"first hover of the last view described in {clock.Elapsed.TotalMilliseconds:0} ms");
        var (exactShown, exact) = await CountsAsync(page);
        Assert.Equal(exact, exactShown);
    }
}
