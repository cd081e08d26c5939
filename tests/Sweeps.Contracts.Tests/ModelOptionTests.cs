using Sweeps.Contracts.Catalog;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Tests.Support;

namespace Sweeps.Contracts.Tests;

/// <summary>Options that only some models implement, or that mean something only with another option's
/// value: refused at submission with their position when nothing uses them, and left out of the jobs
/// they do not apply to, so that today's job ids stay what they are.</summary>
public class ModelOptionTests
{
    private const string Head = "name: t\ndatasets: [Beauty]\nseeds: [1]\n";

    // Every option today's sasrec, fparec and parec jobs carry; a new option entering them would change
    // the id of every job of the running sweeps.
    private static readonly string[] Shared =
    [
        "batch", "block_style", "blocks", "ce_include_pad", "dropout", "epochs", "eval_every", "eval_users",
        "exclude_history", "ffn_inner", "ffn_placement", "heads", "hidden", "loss", "lr", "maxlen", "out_proj",
        "padding", "patience", "pe", "sampler", "select", "step_shards", "value_from", "weight_decay",
    ];

    [Theory]
    [InlineData("models: [sasrec, fparec]\nfixed: {pka_apply: logits_mul}\n",
        "5:9: 'pka_apply' applies only to pka; none of the models of this sweep uses it")]
    [InlineData("models: [sasrec]\ngrid: {awrsr_mode: [simp, add]}\n",
        "5:8: 'awrsr_mode' applies only to awrsr; none of the models of this sweep uses it")]
    [InlineData("models: [sasrec, parec]\nfixed: {pe: rope}\n",
        "5:13: pe: rope is not implemented by parec; models that have it: sasrec, sasrec_author, pka, awrsr")]
    [InlineData("models: [pka]\ngrid: {pe: [none, rmha4]}\n",
        "5:19: pe: rmha4 is not implemented by pka; models that have it: sasrec, sasrec_author")]
    [InlineData("models: [sasrec]\nfixed: {rmha_leaky: false}\n",
        "5:21: 'rmha_leaky' applies only with pe: rmha4; no job of this sweep has that")]
    [InlineData("models: [sasrec]\ngrid: {pe: [learned, rmha4], rmha_double_softmax: [false, true]}\n",
        "5:52: 'rmha_double_softmax' has several values but applies only with pe: rmha4, and pe takes other values in the same cell; give it one value there")]
    [InlineData("models: [awrsr]\nfixed: {awrsr_mix: 0.25}\n",
        "5:20: 'awrsr_mix' applies only with awrsr_mode: add; no job of this sweep has that")]
    [InlineData("models: [sasrec, fparec]\nfixed: {fixed_include_pad: true}\n",
        "5:9: 'fixed_include_pad' applies only to fixed_average, fixed_linear, fixed_exponential; none of the models of this sweep uses it")]
    [InlineData("models: [sasrec]\nfixed: {pe: abs_sinusoidal, pe_reverse: maybe}\n",
        "5:41: 'pe_reverse' expects true or false, got 'maybe'")]
    public void An_option_no_listed_model_accepts_is_refused_with_its_position(string tail, string expected)
    {
        var error = Assert.Single(SweepText.Errors(Head + tail));

        Assert.Equal(expected, $"{error.Line}:{error.Column}: {error.Message}");
    }

    [Fact]
    public void Todays_models_keep_exactly_their_options()
    {
        var jobs = SweepText.Expand(Head + "models: [sasrec, parec, fparec]\n");

        Assert.Equal(Shared.Order(StringComparer.Ordinal), jobs.Single(j => j.Model == "sasrec").Parameters.Keys);
        Assert.Equal(Shared.Append("pa_init").Append("temperature").Order(StringComparer.Ordinal), jobs.Single(j => j.Model == "parec").Parameters.Keys);
        Assert.Equal(Shared.Append("k").Append("pa_init").Append("temperature").Order(StringComparer.Ordinal), jobs.Single(j => j.Model == "fparec").Parameters.Keys);
    }

    [Fact]
    public void An_encoding_switch_enters_only_the_jobs_of_its_encoding()
    {
        var jobs = SweepText.Expand(Head + "models: [sasrec]\ngrid: {pe: [learned, abs_sinusoidal, rmha4]}\nfixed: {rmha_double_softmax: true}\n");
        var plain = SweepText.Expand(Head + "models: [sasrec]\n");

        var byEncoding = jobs.ToDictionary(j => j.GetString("pe", ""));
        Assert.Equal(Assert.Single(plain).Id, byEncoding["learned"].Id);
        Assert.Equal(Shared.Append("pe_reverse").Order(StringComparer.Ordinal), byEncoding["abs_sinusoidal"].Parameters.Keys);
        Assert.True(byEncoding["abs_sinusoidal"].GetBool("pe_reverse", false));
        Assert.Equal(Shared.Concat(["rmha_double_softmax", "rmha_leaky", "rmha_out_proj"]).Order(StringComparer.Ordinal),
            byEncoding["rmha4"].Parameters.Keys);
        Assert.True(byEncoding["rmha4"].GetBool("rmha_double_softmax", false));
    }

    [Fact]
    public void The_new_models_get_their_defaults_and_only_their_own_options()
    {
        var jobs = SweepText.Expand(Head + "models: [pka, awrsr]\noverrides:\n  - when: {models: awrsr}\n    grid: {awrsr_mode: [simp, add]}\n");

        var pka = jobs.Single(j => j.Model == "pka");
        Assert.Equal(("none", "sandwich", "toeplitz", "full", false), (pka.GetString("pe", ""), pka.GetString("pka_apply", ""),
            pka.GetString("pka_upper", ""), pka.GetString("pka_lower", ""), pka.GetBool("pka_shared", true)));
        Assert.DoesNotContain(pka.Parameters.Keys, k => k.StartsWith("awrsr", StringComparison.Ordinal));
        var awrsr = jobs.Where(j => j.Model == "awrsr").ToDictionary(j => j.GetString("awrsr_mode", ""));
        Assert.Equal(("learned", 50), (awrsr["simp"].GetString("pe", ""), awrsr["simp"].GetInt("awrsr_rank", 0)));
        Assert.False(awrsr["simp"].Parameters.ContainsKey("awrsr_mix"));
        Assert.Equal(0.5, awrsr["add"].GetDouble("awrsr_mix", 0));
        Assert.DoesNotContain(awrsr["add"].Parameters.Keys, k => k.StartsWith("pka", StringComparison.Ordinal));
    }

    [Fact]
    public void An_option_named_only_off_its_default_leaves_the_ids_of_jobs_at_the_default_unchanged()
    {
        const string patterns = "models: [fixed_average, fixed_linear, fixed_exponential]\n";
        var before = SweepText.Expand(Head + patterns);
        var spelledOut = SweepText.Expand(Head + patterns + "fixed: {fixed_include_pad: false}\n");
        var both = SweepText.Expand(Head + patterns + "grid: {fixed_include_pad: [false, true]}\n");

        Assert.Equal(before.Select(j => j.Id), spelledOut.Select(j => j.Id));
        Assert.All(before, j => Assert.False(j.Parameters.ContainsKey("fixed_include_pad")));
        Assert.Equal(6, both.Count);
        Assert.Equal(before.Select(j => j.Id).Order(), both.Where(j => !j.Parameters.ContainsKey("fixed_include_pad")).Select(j => j.Id).Order());
        var named = both.Where(j => j.Parameters.ContainsKey("fixed_include_pad")).ToList();
        Assert.Equal(3, named.Count);
        Assert.All(named, j => Assert.True(j.GetBool("fixed_include_pad", false)));
        Assert.All(named, j => Assert.Contains("\"fixed_include_pad\":true", j.ToCanonicalJson(includeSeed: true)));
    }

    [Fact]
    public void A_complete_configuration_names_the_options_left_out_at_their_default_where_they_apply()
    {
        var jobs = SweepText.Expand(Head + "models: [sasrec, fixed_average]\n");

        var average = jobs.Single(j => j.Model == "fixed_average");
        Assert.False(ModelDefaults.Complete(average)["fixed_include_pad"].AsBoolean());
        Assert.Equal(average.Parameters.Count + 1, ModelDefaults.Complete(average).Count);
        var sasrec = jobs.Single(j => j.Model == "sasrec");
        Assert.Equal(sasrec.Parameters, ModelDefaults.Complete(sasrec));
    }

    [Fact]
    public void Options_named_only_off_their_default_have_one_default_whatever_the_dataset_and_config()
    {
        Assert.NotEmpty(OptionCatalog.NamedOnlyOffDefault);
        foreach (var option in OptionCatalog.NamedOnlyOffDefault)
            foreach (var model in ModelCatalog.All.Where(m => option.AppliesTo(m.Id)))
            {
                var rule = ModelDefaults.For(option.Key, model);
                Assert.False(rule.IsDerived, option.Key);
                Assert.Equal(rule.Compute(new DefaultContext("ml-1m", model, NoParameter)),
                    rule.Compute(new DefaultContext("Beauty", model, NoParameter)));
            }
    }

    private static HyperValue NoParameter(string key) => throw new InvalidOperationException(key);
}
