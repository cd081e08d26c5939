using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Submission;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class ApiTests
{
    /// <summary>Reads "name: X\njobs: N": N fixture jobs; anything else is rejected.</summary>
    private sealed class FixtureReader : ISweepReader
    {
        public SweepSubmission Read(string sourceText, string? fallbackName = null)
        {
            var lines = sourceText.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
            if (!lines.TryGetValue("name", out var name) || !lines.TryGetValue("jobs", out var n))
                throw new SweepRejectedException("name and jobs are required");
            return Jobs.Sweep(name, Enumerable.Range(1, int.Parse(n)).Select(seed => Jobs.Make(seed: seed, parameters: ("maxlen", 50))));
        }
    }

    [Fact]
    public async Task Submit_list_detail_results_and_cancel_over_loopback()
    {
        await using var temp = new TempStore();
        // No workers: jobs stay pending, so cancel has something to cancel.
        await using var coordinator = new SweepCoordinator(temp.Store, CoordinatorOptions.ForSlots(1));
        await using var server = await ApiServer.StartAsync(coordinator, new FixtureReader(), ["http://127.0.0.1:0"], token: null);
        using var http = new HttpClient { BaseAddress = new Uri(server.Addresses.Single()) };

        var created = await http.PostAsync("/api/sweeps", new StringContent("name: api\njobs: 3"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/sweeps", new StringContent("nonsense"))).StatusCode);

        var list = await http.GetFromJsonAsync<JsonElement>("/api/sweeps");
        var sweep = Assert.Single(list.EnumerateArray());
        Assert.Equal("api", sweep.GetProperty("id").GetString());
        Assert.Equal(3, sweep.GetProperty("states").GetProperty("Pending").GetInt32());

        var detail = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/api");
        Assert.Equal(3, detail.GetProperty("jobs").GetArrayLength());
        Assert.Equal("Pending", detail.GetProperty("jobs")[0].GetProperty("state").GetString());
        var results = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/api/results");
        Assert.Equal(1, results.GetProperty("configs").GetArrayLength());
        // Hyperparameters as plain JSON values, not the struct's members.
        Assert.Equal(50, results.GetProperty("configs")[0].GetProperty("parameters").GetProperty("maxlen").GetInt32());
        var tables = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/api/report?withPaper=true");
        Assert.Equal("Datasets", tables[0].GetProperty("kind").GetString());

        var cancel = await http.PostAsync("/api/sweeps/api/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(3, (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelled").GetArrayLength());
        var after = await http.GetFromJsonAsync<JsonElement>("/api/sweeps/api");
        Assert.All(after.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("Cancelled", j.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/sweeps/missing/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Beyond_loopback_every_request_needs_the_token()
    {
        await using var temp = new TempStore();
        await using var coordinator = new SweepCoordinator(temp.Store, CoordinatorOptions.ForSlots(1));
        await using var server = await ApiServer.StartAsync(coordinator, new FixtureReader(), ["http://0.0.0.0:0"], token: "s3cret-token");
        var port = new Uri(server.Addresses.Single().Replace("0.0.0.0", "127.0.0.1")).Port;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/sweeps")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-tokem");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/sweeps")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/sweeps", new StringContent("name: x\njobs: 1"))).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/sweeps")).StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.168.1.10:5080")]
    public async Task Refuses_to_start_beyond_loopback_without_a_token(string url)
    {
        await using var temp = new TempStore();
        await using var coordinator = new SweepCoordinator(temp.Store, CoordinatorOptions.ForSlots(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ApiServer.StartAsync(coordinator, new FixtureReader(), [url], token: null));
    }

    [Theory]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    public void Loopback_addresses_are_recognised(string url, bool loopback) =>
        Assert.Equal(loopback, BindingPolicy.IsLoopbackOnly([url]));
}
