using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;

namespace Sweeps.Recsys.Models;

/// <summary>The architecture of one model, read from a job's resolved parameters (MODELS.md §2.9).</summary>
public sealed record ModelOptions
{
    public required string Model { get; init; }
    public required int Items { get; init; }
    public required int MaxLen { get; init; }
    public int Hidden { get; init; } = 50;
    public int Blocks { get; init; } = 2;
    public int Heads { get; init; } = 1;
    public int FfnInner { get; init; } = 50;
    public double Dropout { get; init; } = 0.5;
    public int K { get; init; } = 20;
    public double Temperature { get; init; } = 1.0;
    public string BlockStyle { get; init; } = "sasrec_ref";
    public string FfnPlacement { get; init; } = "per_block";
    public string ValueFrom { get; init; } = "raw";
    public bool OutProj { get; init; }
    public string PositionalEncoding { get; init; } = "learned";
    public string Padding { get; init; } = "strict";
    public string PaInit { get; init; } = "trunc_normal_0.01";
    public string FixedIndex { get; init; } = "absolute";
    public double FixedLambda { get; init; } = 1.0;
    public string FeatureMap { get; init; } = "elu1";
    public string TokenMixing { get; init; } = "mlp2";

    public int HeadDim => Hidden / Heads;

    public static ModelOptions FromJob(JobSpec job, int items)
    {
        var model = ModelCatalog.Find(job.Model)?.BaseModel ?? throw new InvalidJobConfigException($"unknown model '{job.Model}'");
        var options = new ModelOptions
        {
            Model = model,
            Items = items,
            MaxLen = job.GetInt("maxlen", 50),
            Hidden = job.GetInt("hidden", 50),
            Blocks = job.GetInt("blocks", 2),
            Heads = job.GetInt("heads", 1),
            FfnInner = job.GetInt("ffn_inner", job.GetInt("hidden", 50)),
            Dropout = job.GetDouble("dropout", 0.5),
            K = job.GetInt("k", 20),
            Temperature = job.GetDouble("temperature", 1.0),
            BlockStyle = job.GetString("block_style", "sasrec_ref"),
            FfnPlacement = job.GetString("ffn_placement", "per_block"),
            ValueFrom = job.GetString("value_from", "raw"),
            OutProj = job.GetBool("out_proj", false),
            PositionalEncoding = job.GetString("pe", "learned"),
            Padding = job.GetString("padding", "strict"),
            PaInit = job.GetString("pa_init", "trunc_normal_0.01"),
            FixedIndex = job.GetString("fixed_index", "absolute"),
            FixedLambda = job.GetDouble("fixed_lambda", 1.0),
            FeatureMap = job.GetString("feature_map", "elu1"),
            TokenMixing = job.GetString("token_mixing", "mlp2"),
        };
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (Hidden % Heads != 0) throw new InvalidJobConfigException($"hidden {Hidden} is not divisible by heads {Heads}");
        if (MaxLen < 1 || Hidden < 1 || Blocks < 1 || K < 1) throw new InvalidJobConfigException("maxlen, hidden, blocks and k must be positive");
        if (Dropout is < 0 or >= 1) throw new InvalidJobConfigException($"dropout {Dropout} is outside [0, 1)");
        if (Padding is not ("strict" or "ref_padding")) throw new InvalidJobConfigException($"unknown padding '{Padding}'");
        if (PositionalEncoding is not ("learned" or "none"))
            throw new InvalidJobConfigException($"pe '{PositionalEncoding}' is not built yet: this backbone supports learned and none");
    }
}
