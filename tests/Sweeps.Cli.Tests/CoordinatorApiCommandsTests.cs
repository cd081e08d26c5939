using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Sweeps.Cli.Tests.Support;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps status</c>, <c>logs</c> and <c>cancel</c> with <c>--coordinator</c> act through a
/// coordinator's HTTP API (here <c>sweeps serve</c>, which serves the same API as a cluster's
/// coordinator) with its bearer token, as a user on another machine than the store would.</summary>
public sealed partial class CoordinatorApiCommandsTests
{
    private const string Token = "a-test-token-of-some-length";

    [Fact]
    public async Task Status_logs_and_cancel_go_through_the_api_with_the_token_and_without_it_are_refused()
    {
        using var folder = new SweepFolder();
        var file = folder.WriteNoopSweep("remote", seeds: 1, sleepMs: 60_000);
        var withToken = new Dictionary<string, string> { ["SWEEPS_API_TOKEN"] = Token };
        using var serve = CliProcess.Start(folder.Path, withToken, "serve", "--urls", "http://127.0.0.1:0", "--workers", "2");
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(180));
        var api = ListeningOn().Match(serve.Output).Groups[1].Value;
        using (var http = new HttpClient { BaseAddress = new Uri(api) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var created = await http.PostAsync("/api/sweeps", new StringContent(await File.ReadAllTextAsync(Path.Combine(folder.Path, file))));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }
        await SignalTests.WaitForAsync(folder.StorePath, "remote", JobState.Running, 2);
        string jobId;
        await using (var store = SweepStore.OpenReadOnly(folder.StorePath)) jobId = (await store.ListJobsAsync("remote"))[0].Id;

        var (code, status) = await RunAsync(folder, withToken, "status", "remote", "--coordinator", api);
        Assert.True(code == 0, status);
        Assert.Matches(@"remote\s+2\s+2", status);
        Assert.Contains(jobId[..12], status);
        (code, var logs) = await RunAsync(folder, withToken, "logs", jobId[..12], "--coordinator", api);
        Assert.True(code == 0, logs);
        Assert.Contains($"job {jobId}", logs);
        Assert.Contains("Running", logs);
        (code, var refused) = await RunAsync(folder, new Dictionary<string, string>(), "status", "--coordinator", api);
        Assert.NotEqual(0, code);
        Assert.Contains("401", refused);

        (code, var cancelled) = await RunAsync(folder, withToken, "cancel", "remote", "--coordinator", api);
        Assert.True(code == 0, cancelled);
        Assert.Contains("2 unfinished job(s) cancelled", cancelled);
        Assert.Contains("the coordinator stops them", cancelled);
        await SignalTests.WaitForAsync(folder.StorePath, "remote", JobState.Cancelled, 2);
    }

    private static async Task<(int Code, string Output)> RunAsync(SweepFolder folder, Dictionary<string, string> environment, params string[] args)
    {
        using var process = CliProcess.Start(folder.Path, environment, args);
        return (await process.WaitAsync(TimeSpan.FromSeconds(120)), process.Output + process.Error);
    }

    [GeneratedRegex(@"listening on (http://[^\s,;]+)")]
    private static partial Regex ListeningOn();
}
