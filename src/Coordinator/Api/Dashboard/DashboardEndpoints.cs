using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Reports;
using Sweeps.Coordinator.Reports.Figures;
using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Api.Dashboard;

/// <summary>The dashboard: one static page at <c>/dashboard</c> and the endpoints it reads besides the
/// API's own. The page holds no data, so it is served without the token; everything it shows comes
/// from <c>/api/…</c>, which the page calls with the token the user gives it.</summary>
public static class DashboardEndpoints
{
    public const string PagePath = "/dashboard";
    private static readonly TimeSpan EventInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The one request the bearer token does not guard: the page itself.</summary>
    public static bool IsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals(PagePath, StringComparison.Ordinal);

    public static void Map(IEndpointRouteBuilder app, SweepStore store, IModelFigureSource? modelFigures)
    {
        app.MapGet(PagePath, () => Results.Text(Page.Value, "text/html; charset=utf-8"));
        var api = app.MapGroup("/api/sweeps/{id}");
        api.MapGet("/events", (string id, HttpContext http) => StreamAsync(id, store, http));
        api.MapGet("/table-views", async (string id, CancellationToken ct) =>
            await TablesAsync(store, id, ct).ConfigureAwait(false) is { } tables ? Results.Ok(tables) : Results.NotFound());
        var figures = new FigureCache(store, new SweepFigures(store, modelFigures));
        api.MapGet("/figures", async (string id, CancellationToken ct) =>
            await figures.GetAsync(id, ct).ConfigureAwait(false) is { } all
                ? Results.Ok(all.Select(f => new { name = f.Name, title = f.Title }))
                : Results.NotFound());
        api.MapGet("/figures/{name}", async (string id, string name, CancellationToken ct) =>
        {
            var all = await figures.GetAsync(id, ct).ConfigureAwait(false);
            var (stem, svg) = name.EndsWith(".svg", StringComparison.Ordinal) ? (name[..^4], true)
                : name.EndsWith(".png", StringComparison.Ordinal) ? (name[..^4], false) : (name, true);
            return all?.FirstOrDefault(f => f.Name == stem) is not { } figure ? Results.NotFound()
                : svg ? Results.Text(FigureRenderer.Svg(figure), "image/svg+xml")
                : Results.Bytes(FigureRenderer.Png(figure), "image/png");
        });
    }

    /// <summary>The report's tables that a sweep has data for (its comparison, ablation, k and blocks
    /// tables; dataset statistics need the data files, which the server may not have), or, for a
    /// sweep none of them fits (one model), the plain comparison of its configs.</summary>
    private static async Task<IReadOnlyList<TableView>?> TablesAsync(SweepStore store, string id, CancellationToken ct)
    {
        if (await new SweepReports(store).BuildAsync(id, cancellationToken: ct).ConfigureAwait(false) is not { } report) return null;
        var kinds = ReportBuilder.Applicable(report).Where(k => k != TableKind.Datasets).ToList();
        var tables = kinds.Count == 0 ? null : await new SweepTables(store).BuildAsync(id, kinds, cancellationToken: ct).ConfigureAwait(false);
        return tables is { Count: > 0 } ? [.. tables.Select(ReportTableView.From)] : [ComparisonTableView.From(report)];
    }

    /// <summary>Server-sent events: the sweep with its job table whenever it changed, checked twice a
    /// second, until the client leaves or the server stops.</summary>
    private static async Task StreamAsync(string id, SweepStore store, HttpContext http)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = linked.Token;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        string? last = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var sweep = await store.GetSweepAsync(id, ct).ConfigureAwait(false);
                if (sweep is null)
                {
                    await http.Response.WriteAsync("event: missing\ndata: {}\n\n", ct).ConfigureAwait(false);
                    return;
                }
                var payload = JsonSerializer.Serialize(new SweepDetailDto(SweepDto.From(sweep),
                    await store.ListJobsAsync(id, ct).ConfigureAwait(false)), json);
                if (payload != last)
                {
                    await http.Response.WriteAsync($"data: {payload}\n\n", ct).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    last = payload;
                }
                await Task.Delay(EventInterval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away or the server is stopping: the stream simply ends.
        }
    }

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Sweeps.Coordinator.Api.Dashboard.dashboard.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
