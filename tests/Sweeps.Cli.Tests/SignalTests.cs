using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Sweeps.Cli.Commands.Orchestration;
using Sweeps.Cli.Tests.Support;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary>SIGINT and SIGTERM to real `run` and `serve` processes: a clean stop within the grace
/// period, exit 0, the resume hint, interrupted jobs recorded, and a later run that finishes the
/// sweep without training a finished job again.</summary>
public sealed partial class SignalTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    public async Task A_signalled_run_stops_cleanly_and_the_next_run_finishes_without_retraining(PosixSignal signal)
    {
        using var folder = new SweepFolder();
        var file = folder.WriteNoopSweep("signalled", seeds: 2, sleepMs: 5000);
        Dictionary<string, int> finishedBefore;
        using (var run = CliProcess.Start(folder.Path, "run", file, "--workers", "2", "--plain"))
        {
            await WaitForAsync(folder.StorePath, "signalled", JobState.Succeeded, 1);
            run.Signal(signal);
            var clock = Stopwatch.StartNew();
            Assert.Equal(0, await run.WaitAsync(ShutdownSignals.GracePeriod));
            Assert.True(clock.Elapsed < ShutdownSignals.GracePeriod);
            Assert.Contains("run the same command again", run.Output);
        }
        await using (var store = SweepStore.OpenReadOnly(folder.StorePath))
        {
            var jobs = await store.ListJobsAsync("signalled");
            Assert.DoesNotContain(jobs, j => j.State is JobState.Queued or JobState.Running);
            Assert.Contains(jobs, j => j.State != JobState.Succeeded);
            finishedBefore = jobs.Where(j => j.State == JobState.Succeeded).ToDictionary(j => j.Id, j => j.Attempts);
        }

        var again = await CliProcess.RunAsync(folder.Path, "run", file, "--workers", "2", "--plain");
        Assert.True(again.Code == 0, again.Output + again.Error);
        Assert.Contains($"{finishedBefore.Count} already finished", again.Output);
        await using var after = SweepStore.OpenReadOnly(folder.StorePath);
        foreach (var job in await after.ListJobsAsync("signalled"))
        {
            Assert.Equal(JobState.Succeeded, job.State);
            var attempts = (await after.LoadJobLogAsync(job.Id))!.Attempts;
            if (finishedBefore.ContainsKey(job.Id)) Assert.Single(attempts);
            else Assert.Contains(attempts, a => a.Outcome == "succeeded");
        }
    }

    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    public async Task A_signalled_serve_stops_cleanly_and_records_its_running_jobs(PosixSignal signal)
    {
        using var folder = new SweepFolder();
        var file = folder.WriteNoopSweep("served", seeds: 1, sleepMs: 60_000);
        using var serve = CliProcess.Start(folder.Path, "serve", "--urls", "http://127.0.0.1:0", "--workers", "2");
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(180));
        var address = ListeningOn().Match(serve.Output).Groups[1].Value;
        using (var http = new HttpClient { BaseAddress = new Uri(address) })
        {
            var created = await http.PostAsync("/api/sweeps", new StringContent(await File.ReadAllTextAsync(Path.Combine(folder.Path, file))));
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }
        await WaitForAsync(folder.StorePath, "served", JobState.Running, 2);

        serve.Signal(signal);
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await serve.WaitAsync(ShutdownSignals.GracePeriod));
        Assert.True(clock.Elapsed < ShutdownSignals.GracePeriod);
        Assert.Contains("stopped: 2 running job(s) interrupted and recorded", serve.Output);
        Assert.Contains("submitted", serve.Output); // the structured log line of the submission

        await using var store = SweepStore.OpenReadOnly(folder.StorePath);
        var jobs = await store.ListJobsAsync("served");
        Assert.All(jobs, j => Assert.Equal(JobState.Pending, j.State));
        var interrupted = 0;
        foreach (var job in jobs)
            interrupted += (await store.LoadJobLogAsync(job.Id))!.Attempts.Count(a => a.Outcome == "interrupted");
        Assert.Equal(2, interrupted);
    }

    internal static async Task WaitForAsync(string storePath, string sweepId, JobState state, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (!File.Exists(storePath)) continue;
            try
            {
                await using var store = SweepStore.OpenReadOnly(storePath);
                if ((await store.GetSweepAsync(sweepId))?.Count(state) >= atLeast) return;
            }
            catch (StoreException)
            {
                // Created but not yet at the latest schema: the owner is still opening it.
            }
        }
        throw new TimeoutException($"sweep {sweepId} never had {atLeast} job(s) {state}");
    }

    [GeneratedRegex(@"listening on (http://[^\s,;]+)")]
    private static partial Regex ListeningOn();
}
