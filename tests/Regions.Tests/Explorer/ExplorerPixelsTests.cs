using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Regions.Tests.Explorer;

/// <summary>
/// The picture the page rasterises itself, checked pixel by pixel against the server's polygons (the crossing rule at
/// the pixel's centre, an oracle that shares no code with the scanline fill): the region each pixel shows and the one
/// hovering it finds, the region's own colour inside, the outline colour where the next pixel belongs to another key,
/// and no outline between regions of one key. At two device pixels per css pixel, so the scale is checked too.
/// </summary>
public sealed class ExplorerPixelsTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    /// <summary>
    /// Samples pixel centres (a fixed pseudo-random sequence) and counts how the page's id buffer, regionAt and the
    /// drawn colours agree with the polygon holding each centre. Centres within 0.01 device pixel of their polygon's
    /// outline are left out: float32 points cannot decide them, and the drawing may give them to either side.
    /// </summary>
    private const string Check = """
        async ({ samples, seed }) => {
          const { regionAt, regionHolding } = await import('/explorer/view.js');
          const view = window.explorer.view, canvas = document.getElementById('map');
          const width = canvas.width, scale = width / 720, { ids } = view.pixels, { starts, points } = view;
          const rgba = canvas.getContext('2d').getImageData(0, 0, width, width).data;
          const edgeDistance = (i, x, y) => {
            let d = Infinity;
            for (let k = starts[i], j = starts[i + 1] - 1; k < starts[i + 1]; j = k++) {
              const ax = points[2 * j] * width, ay = (1 - points[2 * j + 1]) * width;
              const dx = points[2 * k] * width - ax, dy = (1 - points[2 * k + 1]) * width - ay, len = dx * dx + dy * dy;
              const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len));
              d = Math.min(d, Math.hypot(x - ax - t * dx, y - ay - t * dy));
            }
            return d;
          };
          const holding = (c, r) => {
            const i = regionHolding(view, (c + 0.5) / width, 1 - (r + 0.5) / width);
            return i === null || edgeDistance(i, c + 0.5, r + 0.5) < 0.01 ? -1 : i;
          };
          const key = i => view.boundaries === null ? i : view.colours[i];
          const is = (p, r, g, b) => rgba[4 * p] === r && rgba[4 * p + 1] === g && rgba[4 * p + 2] === b;
          let state = seed;
          const next = n => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
          const counts = { width, decided: 0, idsDiffer: 0, hoverDiffers: 0, inside: 0, insideWrong: 0, seam: 0, outline: 0, outlineWrong: 0 };
          for (let s = 0; s < samples; s++) {
            const c = next(width - 1), r = next(width - 1), p = r * width + c, here = holding(c, r);
            if (here < 0) continue;
            counts.decided++;
            if (ids[p] !== here) counts.idsDiffer++;
            if (regionAt(view, (c + 0.5) / scale, (r + 0.5) / scale) !== here) counts.hoverDiffers++;
            const right = holding(c + 1, r), below = holding(c, r + 1);
            if (right < 0 || below < 0) continue;
            if (key(right) !== key(here) || key(below) !== key(here)) {
              counts.outline++;
              if (!is(p, 0x28, 0x28, 0x28)) counts.outlineWrong++;
            } else {
              counts.inside++;
              if (right !== here || below !== here) counts.seam++;
              if (!is(p, view.rgb[3 * here], view.rgb[3 * here + 1], view.rgb[3 * here + 2])) counts.insideWrong++;
            }
          }
          return JSON.stringify(counts);
        }
        """;

    private async Task<Dictionary<string, int>> CheckAsync(IPage page, int samples)
    {
        var json = await page.EvaluateAsync<string>(Check, new { samples, seed = 12345 });
        output.WriteLine(json);
        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(json)!;
        Assert.Equal(2 * 720, counts["width"]);
        Assert.True(counts["decided"] >= 0.9 * samples, $"only {counts["decided"]} of {samples} centres are decided");
        Assert.Equal(0, counts["idsDiffer"]);
        Assert.Equal(0, counts["hoverDiffers"]);
        Assert.Equal(0, counts["insideWrong"]);
        Assert.Equal(0, counts["outlineWrong"]);
        Assert.True(counts["inside"] > samples / 2, $"{counts["inside"]} of {samples} samples inside a region");
        return counts;
    }

    [Fact]
    public async Task The_pixels_show_the_region_holding_their_centre_outlined_between_keys()
    {
        var page = await browser.OpenAsync(deviceScale: 2);

        // About 10^4 activation regions, many thinner than a pixel somewhere: every edge is a boundary.
        var drawn = await ExplorerTests.BuildAsync(page, "shallow", "2", "150");
        var activation = await CheckAsync(page, 2_000);
        Assert.True(activation["outline"] > 100, $"{activation["outline"]} samples on an outline");

        // The regions after layer 1 of Montúfar's construction: activation regions of one key show as one, no outline
        // between them; boundaries only between keys.
        await page.SelectOptionAsync("#construction", "montufar");
        await page.FillAsync("#widths", "4,4,3");
        await page.ClickAsync("#build");
        drawn = await ExplorerTests.DrawnAsync(page, drawn);
        await page.SelectOptionAsync("#layer", "1");
        await ExplorerTests.DrawnAsync(page, drawn);
        Assert.False(await page.EvaluateAsync<bool>("() => window.explorer.view.boundaries === null"));
        var layer = await CheckAsync(page, 20_000);
        Assert.True(layer["seam"] > 20, $"{layer["seam"]} samples next to another region of the same key");
        Assert.True(layer["outline"] > 20, $"{layer["outline"]} samples on an outline");
    }
}
