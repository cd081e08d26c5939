using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;

namespace Sweeps.Recsys.Training;

/// <summary>The training protocol of one job (MODELS.md §2.4–2.6).</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 201;
    public int Batch { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; }
    /// <summary>Evaluations without a better validation NDCG@10 before stopping; 0 = never stop early.</summary>
    public int Patience { get; init; }
    public int EvalEvery { get; init; } = 20;
    public string Sampler { get; init; } = "with_replacement";
    public string Loss { get; init; } = "ce_full";
    public bool CeIncludePad { get; init; }
    /// <summary>null = every evaluated user; otherwise a seeded sample of this many.</summary>
    public int? EvalUsers { get; init; }
    public bool ExcludeHistory { get; init; }
    public string Select { get; init; } = "best_valid_ndcg10";
    public int Seed { get; init; } = 1;
    /// <summary>Parts each batch is cut into for the forward and backward passes (see EpochRunner).</summary>
    public int StepShards { get; init; } = 2;

    public static TrainingOptions FromJob(JobSpec job)
    {
        var evalUsers = job.Get("eval_users") is { } v && !(v.IsString && v.AsString() == "all")
            ? v.IsString ? int.Parse(v.AsString(), System.Globalization.CultureInfo.InvariantCulture) : v.AsInt32()
            : (int?)null;
        var options = new TrainingOptions
        {
            Epochs = job.GetInt("epochs", 201),
            Batch = job.GetInt("batch", 128),
            LearningRate = job.GetDouble("lr", 1e-3),
            WeightDecay = job.GetDouble("weight_decay", 0),
            Patience = job.GetInt("patience", 0),
            EvalEvery = job.GetInt("eval_every", 20),
            Sampler = job.GetString("sampler", "with_replacement"),
            Loss = job.GetString("loss", "ce_full"),
            CeIncludePad = job.GetBool("ce_include_pad", false),
            EvalUsers = evalUsers,
            ExcludeHistory = job.GetBool("exclude_history", false),
            Select = job.GetString("select", "best_valid_ndcg10"),
            Seed = job.Seed,
            StepShards = job.GetInt("step_shards", 2),
        };
        if (options.Epochs < 1 || options.Batch < 1 || options.EvalEvery < 1 || options.StepShards < 1)
            throw new InvalidJobConfigException("epochs, batch, eval_every and step_shards must be positive");
        return options;
    }
}
