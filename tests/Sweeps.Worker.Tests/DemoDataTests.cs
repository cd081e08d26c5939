using System.Collections.Immutable;
using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Data;
using Sweeps.Recsys.Inspection;
using Sweeps.Torch;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Executors;

namespace Sweeps.Worker.Tests;

/// <summary>The demo's data (<c>synthetic-positional</c>, the next item repeats the one four steps back)
/// is learnable from positions within a few epochs: FPARec trained as the demo trains it ranks the
/// next item far above anything <c>noop</c> can report (its metrics never reach HR@10 0.6), and a
/// run that is asked to keep its weights leaves a model that loads again.</summary>
public sealed class DemoDataTests
{
    private const string Dataset = "synthetic-positional";

    [Fact]
    public async Task Fparec_beats_noop_on_the_demo_data_in_ten_epochs_and_keeps_its_weights()
    {
        var dir = Directory.CreateTempSubdirectory("sweeps-demo-data-").FullName;
        var identity = new SyntheticDatasetResolver(dir, new FileDatasetResolver(dir, dir)).Resolve(Dataset).Identity!;
        var locator = new DatasetLocator([dir]);
        var weights = Path.Combine(dir, "weights", "fparec.swt");

        var fparec = await new RecsysTrainingExecutor(locator, Device.CPU).ExecuteAsync(Job("fparec", identity),
            new JobExecutionContext(Path.Combine(dir, "fparec"), new Progress<JobProgress>(), 1, "test") { WeightsFile = weights }, CancellationToken.None);
        var noop = await new NoopExecutor().ExecuteAsync(Job("noop", identity),
            new JobExecutionContext(Path.Combine(dir, "noop"), new Progress<JobProgress>(), 1, "test"), CancellationToken.None);

        Assert.True(fparec.Test["hr@10"] >= 0.6, $"fparec test HR@10 {fparec.Test["hr@10"]:F3} < 0.6");
        Assert.True(fparec.Test["ndcg@10"] > noop.Test["ndcg@10"], $"fparec NDCG@10 {fparec.Test["ndcg@10"]:F3} <= noop {noop.Test["ndcg@10"]:F3}");
        using var kept = KeptModel.Load(Job("fparec", identity), weights);
        Assert.Equal(20, kept.Options.MaxLen);
    }

    /// <summary>The demo's settings (sweeps/smoke.yaml) with half its epochs.</summary>
    private static JobSpec Job(string model, DatasetIdentity data) => new(Dataset, data.Sha256, model,
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new (string Key, HyperValue Value)[]
        {
            ("maxlen", 20), ("k", 10), ("hidden", 16), ("ffn_inner", 16), ("batch", 64), ("dropout", 0.1), ("lr", 0.01),
            ("epochs", 10), ("eval_every", 10),
        }.Select(p => KeyValuePair.Create(p.Key, p.Value))), 1);
}
