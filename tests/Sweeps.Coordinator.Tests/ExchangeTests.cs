using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Failures;
using Sweeps.Coordinator.Exchange;
using Sweeps.Coordinator.StateMachine;
using Sweeps.Coordinator.Store;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class ExchangeTests
{
    [Fact]
    public async Task Export_then_import_restores_the_sweep_and_exports_the_same_bytes()
    {
        await using var source = new TempStore();
        var jobs = Jobs.Grid("fparec", [50, 100], [1, 2]);
        await source.Store.SubmitAsync(Jobs.Sweep("paper", jobs, "maxlen"));
        await Finish(source.Store, jobs[0], ranks: [0, 3, 17, 250, 12000]);
        await Finish(source.Store, jobs[1], ranks: null);
        await source.Store.MarkQueuedAsync(jobs[2].Id, "t");
        await source.Store.ApplyFailedAsync(new JobFailed(jobs[2].Id, "t", "w", DateTimeOffset.UtcNow, FailureKind.Deterministic, "diverged"));
        await source.Store.DeadLetterAsync(jobs[2].Id);
        var exported = await Export(source.Store, "paper");

        await using var target = new TempStore();
        var outcome = await target.Store.ImportAsync(Read(exported));

        Assert.Equal(new ImportOutcome("paper", true, 4, 4, 2, 0), outcome);
        Assert.Equal(exported, await Export(target.Store, "paper"));
        var restored = await target.Store.FindJobAsync(jobs[0].Id);
        Assert.Equal(JobState.Succeeded, restored!.State);
        Assert.Equal(0.41, restored.Result!.Test["ndcg@10"], 12);
        var dump = (await target.Store.LoadDumpAsync("paper"))!;
        Assert.Equal([0, 3, 17, 250, 12000], RankCodec.Decode(dump.Jobs[0].Result!.TestRanks!));
        Assert.Null(dump.Jobs[1].Result!.TestRanks);
        Assert.Equal(2, await target.Store.CountEpochsAsync(jobs[0].Id));
        var states = (await target.Store.ListJobsAsync("paper")).ToDictionary(j => j.Id, j => j.State);
        Assert.Equal(JobState.DeadLettered, states[jobs[2].Id]);
        Assert.Equal(JobState.Pending, states[jobs[3].Id]);
    }

    [Fact]
    public async Task A_later_export_keeps_the_earlier_lines_of_finished_jobs_and_adds_one_per_newly_finished_job()
    {
        await using var temp = new TempStore();
        var jobs = Jobs.Grid("sasrec", [50], [1, 2, 3]);
        await temp.Store.SubmitAsync(Jobs.Sweep("growing", jobs));
        await Finish(temp.Store, jobs[1], ranks: [1, 2]);
        var before = Lines(await Export(temp.Store, "growing"));
        await Finish(temp.Store, jobs[0], ranks: [2, 1]);
        var after = Lines(await Export(temp.Store, "growing"));

        Assert.Equal(before.Length, after.Length);
        Assert.Equal(before[..2], after[..2]);
        Assert.Contains(jobs[0].Id, after[2]);
        Assert.Contains("\"result\"", after[2]);
        Assert.Equal(before.Single(l => l.Contains(jobs[2].Id, StringComparison.Ordinal)), after[3]);
        Assert.DoesNotContain("\"result\"", after[3]);
    }

    [Fact]
    public async Task Import_keeps_results_the_store_has_and_fills_jobs_still_waiting_so_a_resubmission_runs_nothing_finished()
    {
        await using var source = new TempStore();
        var jobs = Jobs.Grid("sasrec", [50], [1, 2, 3]);
        await source.Store.SubmitAsync(Jobs.Sweep("shared", jobs));
        await Finish(source.Store, jobs[0], ranks: null, test: 0.11);
        await Finish(source.Store, jobs[1], ranks: null, test: 0.12);
        var exported = await Export(source.Store, "shared");

        await using var target = new TempStore();
        await target.Store.SubmitAsync(Jobs.Sweep("shared", jobs));
        await Finish(target.Store, jobs[0], ranks: null, test: 0.99);
        var outcome = await target.Store.ImportAsync(Read(exported));

        Assert.Equal(new ImportOutcome("shared", false, 3, 0, 1, 1), outcome);
        Assert.Equal(0.99, (await target.Store.FindJobAsync(jobs[0].Id))!.Result!.Test["ndcg@10"], 12);
        Assert.Equal(0.12, (await target.Store.FindJobAsync(jobs[1].Id))!.Result!.Test["ndcg@10"], 12);
        var resubmitted = await target.Store.SubmitAsync(Jobs.Sweep("shared", jobs));
        Assert.Equal(2, resubmitted.AlreadySucceeded);
        Assert.Equal(1, resubmitted.Outstanding);
    }

    [Fact]
    public async Task Waiting_jobs_run_in_the_sweep_files_order_and_an_export_and_import_keep_it()
    {
        await using var source = new TempStore();
        var jobs = Jobs.Grid("sasrec", [50, 100, 200, 300], [1, 2, 3]);
        var expansionOrder = jobs.Select(j => j.Id).ToList();
        // The ids are content hashes: sorted, they would run in another order.
        Assert.NotEqual(expansionOrder.Order(StringComparer.Ordinal), expansionOrder);
        await source.Store.SubmitAsync(Jobs.Sweep("ordered", jobs));
        await Finish(source.Store, jobs[4], ranks: null);
        var waiting = expansionOrder.Where(id => id != jobs[4].Id).ToList();

        Assert.Equal(waiting, (await source.Store.NextPendingAsync(100, [])).Select(j => j.Spec.Id));
        Assert.Equal(waiting, (await source.Store.ListJobsAsync("ordered")).Where(j => j.State == JobState.Pending).Select(j => j.Id));

        await using var target = new TempStore();
        await target.Store.ImportAsync(Read(await Export(source.Store, "ordered")));

        Assert.Equal(waiting, (await target.Store.NextPendingAsync(100, [])).Select(j => j.Spec.Id));
    }

    [Fact]
    public async Task An_edited_spec_is_refused_naming_file_and_line_and_nothing_is_imported()
    {
        await using var source = new TempStore();
        var jobs = Jobs.Grid("sasrec", [50], [1, 2]);
        await source.Store.SubmitAsync(Jobs.Sweep("edited", jobs));
        await Finish(source.Store, jobs[0], ranks: null);
        var lines = Lines(await Export(source.Store, "edited"));
        lines[2] = lines[2].Replace("\"maxlen\":50", "\"maxlen\":51", StringComparison.Ordinal);

        var error = Assert.Throws<ExchangeFormatException>(() => JsonlExchange.Read(new StringReader(string.Join('\n', lines)), "edited.jsonl"));

        Assert.StartsWith("edited.jsonl:3: job ", error.Message);
        Assert.Contains("hashes to", error.Message);
    }

    [Fact]
    public async Task Csv_has_a_row_per_job_with_its_parameters_and_metrics()
    {
        await using var temp = new TempStore();
        var jobs = Jobs.Grid("fparec", [50, 100], [1]);
        await temp.Store.SubmitAsync(Jobs.Sweep("csv", jobs));
        await Finish(temp.Store, jobs[1], ranks: null, test: 0.25);
        var writer = new StringWriter();
        CsvExport.Write((await temp.Store.LoadDumpAsync("csv"))!, writer);
        var rows = Lines(writer.ToString());

        Assert.Equal("job,config,dataset,model,seed,maxlen,state,selected_epoch,valid_hr@10,valid_ndcg@10,test_hr@10,test_ndcg@10,"
                     + "train_seconds,parameter_count,device,finished_at,has_ranks", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith($"{jobs[1].Id},{jobs[1].ConfigId},toy,fparec,1,100,Succeeded,3,0.8,0.4,0.5,0.25,1.5,1234,cpu,", rows[1]);
        Assert.EndsWith(",false", rows[1]);
        Assert.Equal($"{jobs[0].Id},{jobs[0].ConfigId},toy,fparec,1,50,Pending,,,,,,,,,,", rows[2]);
    }

    [Fact]
    public async Task Csv_gives_an_option_named_only_off_its_default_its_value_in_every_row()
    {
        await using var temp = new TempStore();
        var jobs = new[]
        {
            Jobs.Make("fixed_linear", parameters: ("maxlen", 50)),
            Jobs.Make("fixed_linear", parameters: [("maxlen", 50), ("fixed_include_pad", true)]),
        };
        await temp.Store.SubmitAsync(Jobs.Sweep("pad", jobs));
        var writer = new StringWriter();
        CsvExport.Write((await temp.Store.LoadDumpAsync("pad"))!, writer);
        var rows = Lines(writer.ToString());

        var column = Array.IndexOf(rows[0].Split(','), "fixed_include_pad");
        Assert.True(column > 0, rows[0]);
        Assert.Equal(["false", "true"], rows.Skip(1).Select(r => r.Split(',')[column]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ranks_survive_their_compact_encoding()
    {
        int[] ranks = [0, 1, 127, 128, 16383, 16384, int.MaxValue, 42];
        Assert.Equal(ranks, RankCodec.Decode(RankCodec.Encode(ranks)));
        Assert.Empty(RankCodec.Decode(RankCodec.Encode([])));
    }

    private static async Task Finish(SweepStore store, JobSpec job, int[]? ranks, double test = 0.41)
    {
        await store.MarkQueuedAsync(job.Id, "t-" + job.Seed);
        var result = ScriptedWorker.Result(job, valid: 0.4, test: test) with { TestRanks = ranks };
        var now = DateTimeOffset.UtcNow;
        await store.ApplySucceededAsync(new JobSucceeded(job.Id, "t-" + job.Seed, "w", now, result, new AttemptTiming(now, now, now)));
        // Results are ordered by the millisecond they were recorded; keep them apart.
        await Task.Delay(5);
    }

    private static async Task<string> Export(SweepStore store, string sweep)
    {
        var writer = new StringWriter();
        JsonlExchange.Write((await store.LoadDumpAsync(sweep))!, writer);
        return writer.ToString();
    }

    private static SweepDump Read(string text) => JsonlExchange.Read(new StringReader(text), "export.jsonl");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
