using Microsoft.Playwright;
using Regions.Tests.Support;

namespace Regions.Tests.Explorer;

/// <summary>
/// A real <c>regions serve</c> and Debian's chromium driven headless by Playwright (which cannot download a browser
/// here: it is launched by path). A missing browser fails the tests, saying how to install it; nothing is skipped.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where Debian installs chromium; REGIONS_CHROMIUM names another.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("REGIONS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public ServerProcess Server { get; private set; } = null!;

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        Server = ServerProcess.Start();
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"chromium is not installed at {ChromiumPath}: apt-get install -y chromium (.ci/run does), or set REGIONS_CHROMIUM");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh page on the explorer, wide enough for its three columns, on a screen of <paramref name="deviceScale"/> device pixels per css pixel.</summary>
    public async Task<IPage> OpenAsync(float deviceScale = 1)
    {
        var page = await browser!.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1560, Height = 880 },
            DeviceScaleFactor = deviceScale,
        });
        await page.GotoAsync(Server.Address.ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        Server?.Dispose();
    }
}
