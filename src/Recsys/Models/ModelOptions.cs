using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;

namespace Sweeps.Recsys.Models;

/// <summary>The architecture of one model, read from a job's resolved parameters (docs/models.md).
/// Unset properties start at <see cref="ModelDefaults"/>' values outside any sweep.</summary>
public sealed record ModelOptions
{
    public required string Model { get; init; }
    public required int Items { get; init; }
    public required int MaxLen { get; init; }
    public int Hidden { get; init; } = Int("hidden");
    public int Blocks { get; init; } = Int("blocks");
    public int Heads { get; init; } = Int("heads");
    public int FfnInner { get; init; } = Int("ffn_inner");
    public double Dropout { get; init; } = Real("dropout");
    public int K { get; init; } = Int("k");
    public double Temperature { get; init; } = Real("temperature");
    public string BlockStyle { get; init; } = Text("block_style");
    public string FfnPlacement { get; init; } = Text("ffn_placement");
    public string ValueFrom { get; init; } = Text("value_from");
    public bool OutProj { get; init; } = Flag("out_proj");
    public string PositionalEncoding { get; init; } = Text("pe");
    public bool PeReverse { get; init; } = Flag("pe_reverse");
    public bool RmhaOutProj { get; init; } = Flag("rmha_out_proj");
    public bool RmhaLeaky { get; init; } = Flag("rmha_leaky");
    public bool RmhaDoubleSoftmax { get; init; } = Flag("rmha_double_softmax");
    public string Padding { get; init; } = Text("padding");
    public string PaInit { get; init; } = Text("pa_init");
    public string FixedIndex { get; init; } = Text("fixed_index");
    public double FixedLambda { get; init; } = Real("fixed_lambda");
    public bool FixedIncludePad { get; init; } = Flag("fixed_include_pad");
    public string FeatureMap { get; init; } = Text("feature_map");
    public string TokenMixing { get; init; } = Text("token_mixing");
    public string PkaApply { get; init; } = Text("pka_apply");
    public string PkaUpper { get; init; } = Text("pka_upper");
    public string PkaLower { get; init; } = Text("pka_lower");
    public bool PkaValues { get; init; } = Flag("pka_values");
    public bool PkaShared { get; init; } = Flag("pka_shared");
    public string AwrsrMode { get; init; } = Text("awrsr_mode");
    public int AwrsrRank { get; init; } = Int("awrsr_rank");
    public double AwrsrMix { get; init; } = Real("awrsr_mix");

    public int HeadDim => Hidden / Heads;

    /// <summary>Whether attention ends in W_O: asked for by <c>out_proj</c>, or part of RMHA-4.</summary>
    public bool HasOutputProjection => OutProj || (PositionalEncoding == "rmha4" && RmhaOutProj);

    public static ModelOptions FromJob(JobSpec job, int items)
    {
        var model = ModelCatalog.Find(job.Model)?.BaseModel ?? throw new InvalidJobConfigException($"unknown model '{job.Model}'");
        var options = new ModelOptions
        {
            Model = model,
            Items = items,
            MaxLen = Read(job, "maxlen").AsInt32(),
            Hidden = Read(job, "hidden").AsInt32(),
            Blocks = Read(job, "blocks").AsInt32(),
            Heads = Read(job, "heads").AsInt32(),
            FfnInner = Read(job, "ffn_inner").AsInt32(),
            Dropout = Read(job, "dropout").AsDouble(),
            K = Read(job, "k").AsInt32(),
            Temperature = Read(job, "temperature").AsDouble(),
            BlockStyle = Read(job, "block_style").AsString(),
            FfnPlacement = Read(job, "ffn_placement").AsString(),
            ValueFrom = Read(job, "value_from").AsString(),
            OutProj = Read(job, "out_proj").AsBoolean(),
            PositionalEncoding = Read(job, "pe").AsString(),
            PeReverse = Read(job, "pe_reverse").AsBoolean(),
            RmhaOutProj = Read(job, "rmha_out_proj").AsBoolean(),
            RmhaLeaky = Read(job, "rmha_leaky").AsBoolean(),
            RmhaDoubleSoftmax = Read(job, "rmha_double_softmax").AsBoolean(),
            Padding = Read(job, "padding").AsString(),
            PaInit = Read(job, "pa_init").AsString(),
            FixedIndex = Read(job, "fixed_index").AsString(),
            FixedLambda = Read(job, "fixed_lambda").AsDouble(),
            FixedIncludePad = Read(job, "fixed_include_pad").AsBoolean(),
            FeatureMap = Read(job, "feature_map").AsString(),
            TokenMixing = Read(job, "token_mixing").AsString(),
            PkaApply = Read(job, "pka_apply").AsString(),
            PkaUpper = Read(job, "pka_upper").AsString(),
            PkaLower = Read(job, "pka_lower").AsString(),
            PkaValues = Read(job, "pka_values").AsBoolean(),
            PkaShared = Read(job, "pka_shared").AsBoolean(),
            AwrsrMode = Read(job, "awrsr_mode").AsString(),
            AwrsrRank = Read(job, "awrsr_rank").AsInt32(),
            AwrsrMix = Read(job, "awrsr_mix").AsDouble(),
        };
        options.Validate(job.Model);
        return options;
    }

    /// <summary>Refuses what cannot be built; <paramref name="catalogModel"/> is the id the job named
    /// (a preset's own id), checked against the choices only some models implement.</summary>
    public void Validate(string? catalogModel = null)
    {
        if (Hidden % Heads != 0) throw new InvalidJobConfigException($"hidden {Hidden} is not divisible by heads {Heads}");
        if (MaxLen < 1 || Hidden < 1 || Blocks < 1 || K < 1 || AwrsrRank < 1)
            throw new InvalidJobConfigException("maxlen, hidden, blocks, k and awrsr_rank must be positive");
        if (Dropout is < 0 or >= 1) throw new InvalidJobConfigException($"dropout {Dropout} is outside [0, 1)");
        if (AwrsrMix is < 0 or > 1) throw new InvalidJobConfigException($"awrsr_mix {AwrsrMix} is outside [0, 1]");
        CheckChoice("padding", Padding);
        CheckChoice("pe", PositionalEncoding);
        CheckChoice("pka_apply", PkaApply);
        CheckChoice("pka_upper", PkaUpper);
        CheckChoice("pka_lower", PkaLower);
        CheckChoice("awrsr_mode", AwrsrMode);
        var pe = OptionCatalog.Find("pe")!;
        if (!pe.Accepts(PositionalEncoding, catalogModel ?? Model))
            throw new InvalidJobConfigException($"pe '{PositionalEncoding}' is not implemented by {catalogModel ?? Model}");
        if (PositionalEncoding == "rope" && HeadDim % 2 != 0)
            throw new InvalidJobConfigException($"pe rope rotates pairs of channels: hidden / heads = {HeadDim} must be even");
    }

    private static void CheckChoice(string key, string value)
    {
        if (!OptionCatalog.Find(key)!.Choices.Contains(value))
            throw new InvalidJobConfigException($"unknown {key} '{value}'");
    }

    private static HyperValue Read(JobSpec job, string key) => ModelDefaults.Resolve(key, job);

    private static int Int(string key) => ModelDefaults.Generic(key).AsInt32();
    private static double Real(string key) => ModelDefaults.Generic(key).AsDouble();
    private static string Text(string key) => ModelDefaults.Generic(key).AsString();
    private static bool Flag(string key) => ModelDefaults.Generic(key).AsBoolean();
}
