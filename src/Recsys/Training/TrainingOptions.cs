using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;

namespace Sweeps.Recsys.Training;

/// <summary>The training protocol of one job (docs/models.md, Backbone). Unset properties start at
/// <see cref="ModelDefaults"/>' values outside any sweep.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = Default("epochs").AsInt32();
    public int Batch { get; init; } = Default("batch").AsInt32();
    public double LearningRate { get; init; } = Default("lr").AsDouble();
    public double WeightDecay { get; init; } = Default("weight_decay").AsDouble();
    /// <summary>Evaluations without a better validation NDCG@10 before stopping; 0 = never stop early.</summary>
    public int Patience { get; init; } = Default("patience").AsInt32();
    public int EvalEvery { get; init; } = Default("eval_every").AsInt32();
    public string Sampler { get; init; } = Default("sampler").AsString();
    public string Loss { get; init; } = Default("loss").AsString();
    public bool CeIncludePad { get; init; } = Default("ce_include_pad").AsBoolean();
    /// <summary>null = every evaluated user; otherwise a seeded sample of this many.</summary>
    public int? EvalUsers { get; init; }
    public bool ExcludeHistory { get; init; } = Default("exclude_history").AsBoolean();
    public string Select { get; init; } = Default("select").AsString();
    public int Seed { get; init; } = 1;
    /// <summary>Parts each batch is cut into for the forward and backward passes (see EpochRunner).</summary>
    public int StepShards { get; init; } = Default("step_shards").AsInt32();

    public static TrainingOptions FromJob(JobSpec job)
    {
        var evalUsers = ModelDefaults.Resolve("eval_users", job) is var v && !(v.IsString && v.AsString() == "all")
            ? v.IsString ? int.Parse(v.AsString(), System.Globalization.CultureInfo.InvariantCulture) : v.AsInt32()
            : (int?)null;
        var options = new TrainingOptions
        {
            Epochs = Read(job, "epochs").AsInt32(),
            Batch = Read(job, "batch").AsInt32(),
            LearningRate = Read(job, "lr").AsDouble(),
            WeightDecay = Read(job, "weight_decay").AsDouble(),
            Patience = Read(job, "patience").AsInt32(),
            EvalEvery = Read(job, "eval_every").AsInt32(),
            Sampler = Read(job, "sampler").AsString(),
            Loss = Read(job, "loss").AsString(),
            CeIncludePad = Read(job, "ce_include_pad").AsBoolean(),
            EvalUsers = evalUsers,
            ExcludeHistory = Read(job, "exclude_history").AsBoolean(),
            Select = Read(job, "select").AsString(),
            Seed = job.Seed,
            StepShards = Read(job, "step_shards").AsInt32(),
        };
        if (options.Epochs < 1 || options.Batch < 1 || options.EvalEvery < 1 || options.StepShards < 1)
            throw new InvalidJobConfigException("epochs, batch, eval_every and step_shards must be positive");
        return options;
    }

    private static HyperValue Read(JobSpec job, string key) => ModelDefaults.Resolve(key, job);

    private static HyperValue Default(string key) => ModelDefaults.Generic(key);
}
