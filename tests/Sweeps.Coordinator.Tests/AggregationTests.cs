using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Attempts;
using Sweeps.Coordinator.Aggregation;
using Sweeps.Coordinator.Tests.Support;

namespace Sweeps.Coordinator.Tests;

public sealed class AggregationTests
{
    [Fact]
    public void Median_mean_std_and_n_of_a_metric()
    {
        var summary = MetricSummary.Of([0.3, 0.1, 0.2, 0.6]);
        Assert.Equal(0.25, summary.Median, 12);
        Assert.Equal(0.3, summary.Mean, 12);
        Assert.Equal(Math.Sqrt((0.0 + 0.04 + 0.01 + 0.09) / 3), summary.Std, 12);
        Assert.Equal(4, summary.N);
        Assert.Equal(new MetricSummary(0.5, 0.5, 0, 1), MetricSummary.Of([0.5]));
    }

    [Fact]
    public async Task Tuned_dimension_is_chosen_by_validation_median_and_reports_its_test_median()
    {
        await using var temp = new TempStore();
        // maxlen 50 wins on validation but loses on test: the choice must follow validation only.
        var scores = new Dictionary<int, (double[] Valid, double[] Test)>
        {
            [50] = ([0.40, 0.42, 0.41], [0.20, 0.22, 0.21]),
            [100] = ([0.30, 0.50, 0.31], [0.35, 0.36, 0.37]),
        };
        var jobs = Jobs.Grid("fparec", [50, 100], [1, 2, 3]);
        await Populate(temp, "table", jobs, j => scores[j.GetInt("maxlen", 0)], tuned: "maxlen");

        var report = (await new SweepReports(temp.Store).BuildAsync("table"))!;

        Assert.Equal(2, report.Configs.Length);
        var selection = Assert.Single(report.Selections);
        Assert.False(selection.Provisional);
        Assert.Equal(50, selection.Chosen!.Parameters["maxlen"].AsInt64());
        Assert.Equal(0.41, selection.Chosen.ValidOf("ndcg@10")!.Median, 12);
        Assert.Equal(0.21, selection.Chosen.TestOf("ndcg@10")!.Median, 12);
        Assert.Equal(3, selection.Chosen.TestOf("ndcg@10")!.N);
        var other = report.Configs.Single(c => c.Parameters["maxlen"].AsInt64() == 100);
        Assert.Equal(0.31, other.ValidOf("ndcg@10")!.Median, 12);
        Assert.Equal(0.37, other.ValidOf("ndcg@10")!.Mean, 12);
    }

    [Fact]
    public async Task Incomplete_configs_are_flagged_with_their_missing_seeds()
    {
        await using var temp = new TempStore();
        var jobs = Jobs.Grid("sasrec", [50, 100], [1, 2, 3]);
        var missing = jobs.Where(j => j.GetInt("maxlen", 0) == 100 && j.Seed != 1).Select(j => j.Id).ToHashSet();
        await Populate(temp, "holes", jobs, _ => ([0.3], [0.2]), skip: missing, tuned: "maxlen");

        var report = (await new SweepReports(temp.Store).BuildAsync("holes"))!;

        var incomplete = Assert.Single(report.Incomplete);
        Assert.Equal([2, 3], incomplete.MissingSeeds.ToArray());
        Assert.Equal([1], incomplete.CompletedSeeds.ToArray());
        Assert.Equal(1, incomplete.TestOf("ndcg@10")!.N);
        var selection = Assert.Single(report.Selections);
        Assert.True(selection.Provisional);
        Assert.Equal(50, selection.Chosen!.Parameters["maxlen"].AsInt64());
        Assert.Equal(2, selection.Candidates.Length);
    }

    [Fact]
    public void Untuned_dimensions_that_vary_split_rows_and_are_named()
    {
        var outcomes = new[] { 10, 20 }.SelectMany(k => new[] { 1, 2 }.Select(seed =>
        {
            var job = Jobs.Make("fparec", seed: seed, parameters: [("k", k), ("maxlen", 50)]);
            return new Store.JobOutcome(job, StateMachine.JobState.Succeeded, ScriptedWorker.Metrics(0.1 * k), ScriptedWorker.Metrics(0.1));
        })).ToList();

        var report = SweepAggregator.Aggregate("k", ["maxlen"], outcomes);

        Assert.Equal(["k"], report.VaryingKeys.ToArray());
        Assert.Equal(2, report.Selections.Length);
        Assert.All(report.Selections, s => Assert.Equal(2, s.Chosen!.Valid["ndcg@10"].N));
    }

    [Fact]
    public void An_option_named_only_off_its_default_splits_rows_and_is_named_at_both_values()
    {
        // The jobs at the default do not name fixed_include_pad (they predate it); their configs must
        // still read false beside the configs that set it true.
        var outcomes = new HyperValue?[] { null, true }.SelectMany(includePad => new[] { 1, 2 }.Select(seed =>
        {
            (string, HyperValue)[] parameters = includePad is { } value ? [("maxlen", 50), ("fixed_include_pad", value)] : [("maxlen", 50)];
            var job = Jobs.Make("fixed_average", seed: seed, parameters: parameters);
            return new Store.JobOutcome(job, StateMachine.JobState.Succeeded, ScriptedWorker.Metrics(0.1), ScriptedWorker.Metrics(0.1));
        })).ToList();

        var report = SweepAggregator.Aggregate("padding", [], outcomes);

        Assert.Equal(["fixed_include_pad"], report.VaryingKeys.ToArray());
        Assert.Equal([false, true], report.Configs.Select(c => c.Parameters["fixed_include_pad"].AsBoolean()).Order());
        Assert.Equal(2, report.Selections.Length);
    }

    private static async Task Populate(TempStore temp, string sweep, IReadOnlyList<JobSpec> jobs,
        Func<JobSpec, (double[] Valid, double[] Test)> scores, string tuned, ISet<string>? skip = null)
    {
        await temp.Store.SubmitAsync(Jobs.Sweep(sweep, jobs, tuned));
        foreach (var job in jobs.Where(j => skip is null || !skip.Contains(j.Id)))
        {
            var (valid, test) = scores(job);
            var index = (job.Seed - 1) % valid.Length;
            await temp.Store.MarkQueuedAsync(job.Id, "t");
            var result = ScriptedWorker.Result(job) with { Valid = ScriptedWorker.Metrics(valid[index]), Test = ScriptedWorker.Metrics(test[index]) };
            var now = DateTimeOffset.UtcNow;
            await temp.Store.ApplySucceededAsync(new JobSucceeded(job.Id, "t", "w", now, result, new AttemptTiming(now, now, now)));
        }
    }
}
