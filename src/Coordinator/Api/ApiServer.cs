using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Reports;
using Sweeps.Coordinator.Api.Dashboard;
using Sweeps.Coordinator.Reports.Figures;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator.Api;

/// <summary>The coordinator's HTTP API on Kestrel (minimal API): submit a sweep's YAML, list sweeps,
/// inspect one with its job states, cancel it, and read its aggregated results.</summary>
public sealed class ApiServer : IAsyncDisposable
{
    private const long MaxSweepBytes = 1 << 20;
    private readonly WebApplication _app;

    private ApiServer(WebApplication app) => _app = app;

    /// <summary>The addresses actually bound (with the real port when 0 was asked for).</summary>
    public IReadOnlyCollection<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();

    /// <exception cref="InvalidOperationException">Non-loopback <paramref name="urls"/> without a token.</exception>
    /// <param name="modelFigures">Figures drawn from trained weights for the dashboard; none when null.</param>
    public static async Task<ApiServer> StartAsync(SweepCoordinator coordinator, ISweepReader reader,
        IReadOnlyCollection<string> urls, string? token, CancellationToken cancellationToken = default,
        IModelFigureSource? modelFigures = null)
    {
        BindingPolicy.Enforce(urls, token);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, HostedByCallerLifetime>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new HyperValueJsonConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        var app = builder.Build();
        app.Urls.Clear();
        foreach (var url in urls) app.Urls.Add(url);
        if (!string.IsNullOrEmpty(token))
            app.UseWhen(context => !DashboardEndpoints.IsPage(context.Request), guarded => guarded.UseMiddleware<BearerTokenMiddleware>(token));
        Map(app, coordinator, reader);
        DashboardEndpoints.Map(app, coordinator.Store, modelFigures);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ApiServer(app);
    }

    private static void Map(WebApplication app, SweepCoordinator coordinator, ISweepReader reader)
    {
        var store = coordinator.Store;
        var api = app.MapGroup("/api");
        api.MapPost("/sweeps", async (HttpRequest request, bool? replace, CancellationToken ct) =>
        {
            if (await BoundedBody.ReadAsync(request, MaxSweepBytes, ct).ConfigureAwait(false) is not { } text)
                return Results.Json(new { error = $"a sweep file may be at most {MaxSweepBytes} bytes" }, statusCode: StatusCodes.Status413PayloadTooLarge);
            try
            {
                var submission = reader.Read(text) with { Replace = replace ?? false };
                var outcome = await coordinator.SubmitAsync(submission, ct).ConfigureAwait(false);
                return Results.Created($"/api/sweeps/{Uri.EscapeDataString(outcome.SweepId)}", outcome);
            }
            catch (SweepTooLargeException e)
            {
                return Results.Json(new { error = e.Message, jobs = e.Jobs, limit = e.Limit }, statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            catch (SweepNameTakenException e) { return Results.Conflict(new { error = e.Message }); }
            catch (SweepRejectedException e) { return Results.BadRequest(new { error = e.Message }); }
        });
        api.MapGet("/sweeps", async (CancellationToken ct) =>
            (await store.ListSweepsAsync(ct).ConfigureAwait(false)).Select(SweepDto.From));
        api.MapGet("/sweeps/{id}", async (string id, int? offset, int? limit, string? state, CancellationToken ct) =>
        {
            if (JobPage.Parse(offset, limit, state) is not { } page) return Results.BadRequest(new { error = JobPage.Usage });
            return await store.GetSweepAsync(id, ct).ConfigureAwait(false) is { } sweep
                ? Results.Ok(new SweepDetailDto(SweepDto.From(sweep), await store.ListJobsAsync(id, page, ct).ConfigureAwait(false), page.Offset, page.Limit,
                    page.State is { } only ? sweep.Count(only) : sweep.Total))
                : Results.NotFound();
        });
        api.MapPost("/sweeps/{id}/cancel", async (string id, CancellationToken ct) =>
            await coordinator.CancelAsync(id, ct).ConfigureAwait(false) is { } cancellation
                ? Results.Ok(cancellation)
                : Results.NotFound());
        api.MapGet("/jobs/{id}", async (string id, CancellationToken ct) =>
            await store.LoadJobLogAsync(id, ct).ConfigureAwait(false) is { } log ? Results.Ok(log) : Results.NotFound());
        api.MapGet("/sweeps/{id}/results", async (string id, CancellationToken ct) =>
            await new SweepReports(store).BuildAsync(id, cancellationToken: ct).ConfigureAwait(false) is { } report
                ? Results.Ok(report)
                : Results.NotFound());
        api.MapGet("/sweeps/{id}/report", async (string id, bool? withPaper, CancellationToken ct) =>
            await new SweepTables(store).BuildAsync(id, withPaper: withPaper ?? false, cancellationToken: ct).ConfigureAwait(false) is { } tables
                ? Results.Ok(tables)
                : Results.NotFound());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
