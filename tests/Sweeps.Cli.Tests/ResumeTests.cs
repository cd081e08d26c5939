using System.Diagnostics;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary>`sweeps run` killed mid-way and run again: every job ends with exactly one result, and no
/// job that had finished before the kill is trained again.</summary>
public sealed class ResumeTests
{
    private const string Sweep = """
        name: resume
        datasets: [toy]
        models: [noop]
        seeds: [1, 2, 3, 4]
        grid:
          maxlen: [50, 100, 200]
        fixed:
          epochs: 4
          noop_sleep_ms: 400
        tune: [maxlen]
        """;

    [Fact]
    public async Task A_killed_run_is_finished_by_the_next_one_without_retraining()
    {
        var dir = Directory.CreateTempSubdirectory("sweeps-resume-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        await File.WriteAllTextAsync(Path.Combine(dir, "data", "toy.txt"), "1 1 2 3\n2 2 3 4\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "resume.yaml"), Sweep);
        var storePath = Path.Combine(dir, "results", "sweeps.db");

        using (var first = Start(dir))
        {
            await WaitForSucceededAsync(storePath, atLeast: 3);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        Dictionary<string, long> finishedBefore;
        await using (var store = SweepStore.Open(storePath))
        {
            var jobs = await store.ListJobsAsync("resume");
            Assert.Contains(jobs, j => j.State != JobState.Succeeded);
            finishedBefore = [];
            foreach (var job in jobs.Where(j => j.State == JobState.Succeeded))
                finishedBefore[job.Id] = (await store.FindJobAsync(job.Id))!.Result!.SelectedEpoch;
        }

        using (var second = Start(dir))
        {
            var output = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 0, output + await second.StandardError.ReadToEndAsync());
            Assert.Contains($"{finishedBefore.Count} already finished", output);
        }

        await using var after = SweepStore.Open(storePath);
        var final = await after.ListJobsAsync("resume");
        Assert.Equal(12, final.Count);
        Assert.All(final, j => Assert.Equal(JobState.Succeeded, j.State));
        // A job finished before the kill was never dispatched again: still its first attempt.
        Assert.All(final.Where(j => finishedBefore.ContainsKey(j.Id)), j => Assert.Equal(1, j.Attempts));
        Assert.All(final, j => Assert.Equal(4, after.CountEpochsAsync(j.Id).Result));
        var report = await new Coordinator.Aggregation.SweepReports(after).BuildAsync("resume");
        Assert.Empty(report!.Incomplete);
        Assert.All(report.Configs, c => Assert.Equal(4, c.TestOf("ndcg@10")!.N));
    }

    private static Process Start(string workingDirectory)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "sweeps.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { cli, "run", "resume.yaml", "--workers", "2", "--plain" }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static async Task WaitForSucceededAsync(string storePath, int atLeast)
    {
        // Generous: the run starts while other test assemblies load both cores.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (!File.Exists(storePath)) continue;
            try
            {
                // Read-only, as `sweeps status` reads a store that a run owns.
                await using var store = SweepStore.OpenReadOnly(storePath);
                if ((await store.GetSweepAsync("resume"))?.Count(JobState.Succeeded) >= atLeast) return;
            }
            catch (StoreException)
            {
                // The run is still creating the store's schema.
            }
        }
        throw new TimeoutException("the first run did not finish any job in time");
    }
}
