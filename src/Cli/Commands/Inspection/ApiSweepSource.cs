using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Commands.Inspection;

/// <summary>A running coordinator's HTTP API (docs/http-api.md), with its bearer token if it has one.</summary>
public sealed class ApiSweepSource : ISweepSource
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new HyperValueJsonConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly HttpClient _http;

    public ApiSweepSource(string coordinator, string? token)
    {
        _http = new HttpClient { BaseAddress = new Uri(coordinator) };
        if (!string.IsNullOrEmpty(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Where => _http.BaseAddress!.ToString().TrimEnd('/');

    public string? Owner => null;

    public async Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(CancellationToken cancellationToken) =>
        [.. (await GetAsync<SweepDto[]>("api/sweeps", cancellationToken) ?? []).Select(s => new SweepSummary(s.Id, s.Cancelled, s.CreatedAt, s.UpdatedAt, [],
            s.States.ToDictionary(c => Enum.Parse<JobState>(c.Key), c => c.Value)))];

    public async Task<IReadOnlyList<JobView>> ListJobsAsync(string sweepId, JobState state, CancellationToken cancellationToken) =>
        (await GetAsync<JobsPage>($"api/sweeps/{Uri.EscapeDataString(sweepId)}?state={state}&limit={JobPage.MaxLimit}", cancellationToken))?.Jobs ?? [];

    public Task<SweepReport?> ReportAsync(string sweepId, CancellationToken cancellationToken) =>
        GetAsync<SweepReport>($"api/sweeps/{Uri.EscapeDataString(sweepId)}/results", cancellationToken);

    public Task<JobLog?> JobLogAsync(string idOrPrefix, CancellationToken cancellationToken) =>
        GetAsync<JobLog>($"api/jobs/{Uri.EscapeDataString(idOrPrefix)}", cancellationToken);

    /// <summary>Cancels a sweep through the coordinator (the one call here that changes anything).</summary>
    /// <returns>Null when there is no such sweep.</returns>
    public async Task<SweepCancellation?> CancelAsync(string sweepId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"api/sweeps/{Uri.EscapeDataString(sweepId)}/cancel", null, cancellationToken);
        return await ReadAsync<SweepCancellation>(response, cancellationToken);
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <returns>Null for 404; any other failure is an error.</returns>
    private async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) where T : class
    {
        var path = response.RequestMessage?.RequestUri?.PathAndQuery.TrimStart('/');
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode)
            throw new IOException($"{Where}/{path}: {(int)response.StatusCode} {response.ReasonPhrase}{(response.StatusCode == HttpStatusCode.Unauthorized ? " (set SWEEPS_API_TOKEN or pass --token-file)" : "")}");
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record JobsPage(IReadOnlyList<JobView> Jobs);
}
