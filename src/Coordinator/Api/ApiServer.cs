using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sweeps.Coordinator.Aggregation;
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
        api.MapPost("/sweeps", async (HttpRequest request, CancellationToken ct) =>
        {
            if (request.ContentLength > MaxSweepBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            using var body = new StreamReader(request.Body);
            var text = await body.ReadToEndAsync(ct).ConfigureAwait(false);
            SweepSubmission submission;
            try { submission = reader.Read(text); }
            catch (SweepRejectedException e) { return Results.BadRequest(new { error = e.Message }); }
            var outcome = await coordinator.SubmitAsync(submission, ct).ConfigureAwait(false);
            return Results.Created($"/api/sweeps/{Uri.EscapeDataString(outcome.SweepId)}", outcome);
        });
        api.MapGet("/sweeps", async (CancellationToken ct) =>
            (await store.ListSweepsAsync(ct).ConfigureAwait(false)).Select(SweepDto.From));
        api.MapGet("/sweeps/{id}", async (string id, CancellationToken ct) =>
            await store.GetSweepAsync(id, ct).ConfigureAwait(false) is { } sweep
                ? Results.Ok(new SweepDetailDto(SweepDto.From(sweep), await store.ListJobsAsync(id, ct).ConfigureAwait(false)))
                : Results.NotFound());
        api.MapPost("/sweeps/{id}/cancel", async (string id, CancellationToken ct) =>
            await coordinator.CancelAsync(id, ct).ConfigureAwait(false) ? Results.NoContent() : Results.NotFound());
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
