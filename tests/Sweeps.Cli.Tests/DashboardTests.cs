using System.Net;
using Microsoft.Playwright;
using Sweeps.Cli.Commands.Figures;
using Sweeps.Cluster.Composition;
using Sweeps.Cluster.Hosting;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary>The dashboard in a real browser (Debian's chromium, driven by Playwright) against a real
/// coordinator with noop workers: it shows a sweep submitted while it is open, follows its job table
/// as the jobs run, then shows the results table and figures. Saves a screenshot as an artifact.</summary>
public sealed class DashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Token = "dash-test-token";
    private const string Sweep = """
        name: live
        datasets: [toy]
        models: [noop]
        seeds: [1, 2, 3, 4, 5, 6, 7, 8]
        fixed:
          epochs: 2
          noop_sleep_ms: 600
        """;

    [Fact]
    public async Task The_page_follows_a_running_sweep_and_shows_its_results()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/install-deps.sh test installs it");
        var dir = Directory.CreateTempSubdirectory("sweeps-dashboard-").FullName;
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "toy.txt"), "1 1 2 3\n2 2 3 4\n");
        await using var store = SweepStore.Open(Path.Combine(dir, "sweeps.db"));
        var (engine, _) = await EmbeddedEngine.StartAsync(store, 1, LocalExecutors.Create(data, []));
        await using (engine)
        {
            var reader = new YamlSweepReader(data);
            await using var server = await ApiServer.StartAsync(engine.Coordinator, reader, ["http://127.0.0.1:0"], Token,
                modelFigures: new ModelFigures(store));
            var address = server.Addresses.Single();
            using (var http = new HttpClient { BaseAddress = new Uri(address) })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/sweeps")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard")).StatusCode);
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1400 } });
            await page.GotoAsync($"{address}/dashboard#token={Token}");
            await page.WaitForSelectorAsync("#status:text-matches('updated')");

            await engine.Coordinator.SubmitAsync(reader.Read(Sweep));
            await page.WaitForSelectorAsync("#jobs tbody tr", new PageWaitForSelectorOptions { Timeout = 30_000 });
            var first = await States(page);
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#jobs tbody tr')].every(r => r.dataset.state === 'Succeeded')",
                null, new PageWaitForFunctionOptions { Timeout = 60_000 });
            var last = await States(page);

            Assert.Equal(8, last.Count);
            Assert.Contains(first, s => s != "Succeeded");
            Assert.NotEqual(first, last);
            await page.WaitForSelectorAsync("#tables table.results tr >> nth=1", new PageWaitForSelectorOptions { Timeout = 30_000 });
            await page.WaitForSelectorAsync("#figures img", new PageWaitForSelectorOptions { Timeout = 30_000 });
            // The sweep's counts and its job list are read one after the other, so the progress line
            // may catch up one event (half a second) after the last row.
            await page.WaitForFunctionAsync("() => document.querySelector('#progress').textContent.startsWith('8 of 8 jobs finished')",
                null, new PageWaitForFunctionOptions { Timeout = 10_000 });
            Assert.Equal("noop", await page.InnerTextAsync("#tables table.results tr:nth-child(2) td:nth-child(2)"));

            var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(artifacts);
            var screenshot = Path.Combine(artifacts, "dashboard.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is suspiciously small");
        }
    }

    private static async Task<List<string>> States(IPage page) =>
        [.. await page.EvalOnSelectorAllAsync<string[]>("#jobs tbody tr", "rows => rows.map(r => r.dataset.state)")];
}
