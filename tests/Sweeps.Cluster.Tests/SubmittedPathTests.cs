using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sweeps.Cluster.Composition;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Api;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cluster.Tests;

/// <summary>A sweep submitted over the API may name datasets inside the coordinator's data root only:
/// anything else is refused with 400, its error points at the sweep's line and column, quotes no file,
/// and nothing is stored.</summary>
public sealed class SubmittedPathTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-paths-").FullName;
    private SweepStore _store = null!;
    private SweepCoordinator _coordinator = null!;
    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "secret.txt"), "root:x:0:0:root:/root:/bin/bash\n");
        _store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        _coordinator = new SweepCoordinator(_store, CoordinatorOptions.ForSlots(1));
        _server = await ApiServer.StartAsync(_coordinator, new YamlSweepReader(Path.Combine(_directory, "data")), ["http://127.0.0.1:0"], token: null);
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task A_path_outside_the_data_root_is_refused_and_nothing_is_submitted(string dataset)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_server.Addresses.Single()) };

        var response = await http.PostAsync("/api/sweeps", new StringContent($"name: escape\ndatasets: [{dataset}]\nmodels: [noop]\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
        Assert.Contains("submitted.yaml:2:12: dataset", error);
        Assert.DoesNotContain("root:", error);
        Assert.Empty(await _store.ListSweepsAsync());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _coordinator.DisposeAsync();
        await _store.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
