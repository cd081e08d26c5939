using Sweeps.Cli.Tests.Support;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests;

/// <summary>Two `sweeps run` processes on one store: the second is refused at once and changes nothing;
/// the first finishes every job exactly once; `status` reads the store meanwhile.</summary>
public sealed class StoreOwnershipTests
{
    [Fact]
    public async Task A_second_run_on_a_busy_store_is_refused_and_the_first_trains_each_job_once()
    {
        using var folder = new SweepFolder();
        var file = folder.WriteNoopSweep("owned", seeds: 2, sleepMs: 8000);
        using var first = CliProcess.Start(folder.Path, "run", file, "--workers", "2", "--plain");
        await first.WaitForOutputAsync("to run", TimeSpan.FromSeconds(180));

        // Both at once, while the first run is busy with its jobs.
        var second = CliProcess.RunAsync(folder.Path, "run", file, "--workers", "2");
        var status = await CliProcess.RunAsync(folder.Path, "status", "owned");
        var (code, _, error) = await second;
        Assert.Equal(ExitCodes.StoreInUse, code);
        Assert.Contains($"is in use by run (pid {first.Id} on {Environment.MachineName})", error);
        Assert.DoesNotContain("   at ", error);
        Assert.True(status.Code == 0, status.Error);
        Assert.Contains($"being run by run (pid {first.Id}", status.Output);

        Assert.Equal(0, await first.WaitAsync(TimeSpan.FromSeconds(180)));
        await using var store = SweepStore.OpenReadOnly(folder.StorePath);
        var jobs = await store.ListJobsAsync("owned");
        Assert.Equal(4, jobs.Count);
        foreach (var job in jobs)
        {
            var log = (await store.LoadJobLogAsync(job.Id))!;
            Assert.Equal(JobState.Succeeded, job.State);
            // One attempt each, all by the first run: nothing was handed out twice.
            Assert.Single(log.Attempts);
            Assert.StartsWith($"run (pid {first.Id} on ", log.Attempts[0].Owner);
        }
    }

    [Fact]
    public async Task Status_opens_a_store_read_only()
    {
        using var folder = new SweepFolder();
        var file = folder.WriteNoopSweep("readonly", seeds: 1, sleepMs: 0);
        Assert.Equal(0, (await CliProcess.RunAsync(folder.Path, "run", file)).Code);
        var before = File.GetLastWriteTimeUtc(folder.StorePath);
        File.SetUnixFileMode(folder.StorePath, UnixFileMode.UserRead);
        try
        {
            var status = await CliProcess.RunAsync(folder.Path, "status", "readonly");
            Assert.True(status.Code == 0, status.Error);
            Assert.Contains("readonly  2", status.Output);
        }
        finally
        {
            File.SetUnixFileMode(folder.StorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Assert.Equal(before, File.GetLastWriteTimeUtc(folder.StorePath));
    }
}
