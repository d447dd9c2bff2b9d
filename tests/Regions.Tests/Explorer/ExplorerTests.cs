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
    private static async Task<int> DrawnAsync(IPage page, int before)
    {
        var handle = await page.WaitForFunctionAsync(
            $"() => window.explorer.drawn > {before} && window.explorer.drawn === window.explorer.sequence ? window.explorer.drawn : 0",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        return await handle.JsonValueAsync<int>();
    }

    private static async Task<int> BuildAsync(IPage page, string construction, string inputs, string widths)
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
        Assert.Equal(await page.Locator("#map path.region").CountAsync(), await page.EvaluateAsync<int>("() => window.explorer.view.activationRegions"));
        Assert.NotEmpty(await page.InnerTextAsync("#bounds"));

        // Hover the largest region at its vertex mean: the page shows the pattern /evaluate finds at that point.
        var target = await page.EvaluateAsync<double[]>("""
            () => {
              const e = window.explorer, svg = document.getElementById('map'), rect = svg.getBoundingClientRect();
              const r = e.view.regions.reduce((a, b) => (b.area > a.area ? b : a));
              const n = r.polygon.length / 2;
              let u = 0, v = 0;
              for (let i = 0; i < n; i++) { u += r.polygon[2 * i] / n; v += r.polygon[2 * i + 1] / n; }
              const [u0, u1, v0, v1] = e.box;
              return [rect.left + svg.clientLeft + (u - u0) / (u1 - u0) * 720, rect.top + svg.clientTop + 720 - (v - v0) / (v1 - v0) * 720, u, v, r.id];
            }
            """);
        await page.Mouse.MoveAsync((float)target[0], (float)target[1]);
        await page.WaitForFunctionAsync($"() => document.getElementById('region-id')?.textContent === '{(int)target[4]}'");
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
    /// the request to the frame that shows the new view, and reported, not asserted (the machine is shared).
    /// </summary>
    [Fact]
    public async Task Pan_and_zoom_of_a_ten_thousand_region_view_is_measured()
    {
        var page = await browser.OpenAsync();
        var drawn = await BuildAsync(page, "shallow", "2", "150");
        var regions = await page.EvaluateAsync<int>("() => window.explorer.view.activationRegions");
        Assert.True(regions >= 8_000, $"the view has {regions} regions, not about 10^4");
        var times = new List<(string Step, double Ms, double ServerMs, int Regions)>();
        async Task Measure(string step, Func<Task> act)
        {
            await act();
            drawn = await DrawnAsync(page, drawn);
            var last = await page.EvaluateAsync<JsonElement>("() => window.explorer.last");
            times.Add((step, last.GetProperty("ms").GetDouble(), last.GetProperty("serverMs").GetDouble(), last.GetProperty("activationRegions").GetInt32()));
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
        foreach (var (step, ms, serverMs, count) in times) output.WriteLine($"{step}: {ms:0} ms for {count} regions (enumeration and answer in the server: {serverMs:0} ms)");
        var sorted = times.Select(t => t.Ms).Order().ToArray();
        output.WriteLine($"pan/zoom of a view of ~{regions} regions: median {sorted[sorted.Length / 2]:0} ms, max {sorted[^1]:0} ms");
        var (exactShown, exact) = await CountsAsync(page);
        Assert.Equal(exact, exactShown);
    }
}
