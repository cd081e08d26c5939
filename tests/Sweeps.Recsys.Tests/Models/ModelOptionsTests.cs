using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Recsys.Models;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>Configurations that cannot be built are refused as invalid job configs, which the
/// orchestrator does not retry.</summary>
[Collection(TorchCollection.Name)]
public sealed class ModelOptionsTests
{
    private static JobSpec Job(string model, params (string Key, HyperValue Value)[] parameters) =>
        new("synthetic", "00", model, parameters.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), Seed: 1);

    [Fact]
    public void A_job_naming_an_unknown_model_is_refused()
    {
        var error = Assert.Throws<InvalidJobConfigException>(() => ModelOptions.FromJob(Job("transformer_xl"), items: 10));
        Assert.Contains("transformer_xl", error.Message);
    }

    [Fact]
    public void The_factory_refuses_a_model_without_an_implementation_and_lists_the_known_ones()
    {
        var error = Assert.Throws<InvalidJobConfigException>(() => ModelFactory.Create(TinyModels.Options("transformer_xl")));
        Assert.Contains("fparec", error.Message);
    }

    [Fact]
    public void Hidden_size_not_divisible_by_heads_is_refused()
    {
        var error = Assert.Throws<InvalidJobConfigException>(() => ModelOptions.FromJob(Job("sasrec", ("hidden", 50), ("heads", 3)), items: 10));
        Assert.Contains("not divisible by heads", error.Message);
    }

    [Fact]
    public void A_job_with_valid_options_reads_them()
    {
        var options = ModelOptions.FromJob(Job("fparec", ("hidden", 48), ("heads", 3), ("k", 7), ("maxlen", 30)), items: 10);
        Assert.Equal(("fparec", 48, 3, 7, 30, 10), (options.Model, options.Hidden, options.Heads, options.K, options.MaxLen, options.Items));
    }

    [Fact]
    public void A_pka_job_reads_its_kernel_options_and_starts_without_a_table()
    {
        var options = ModelOptions.FromJob(Job("pka", ("maxlen", 30), ("pka_apply", "logits_mul"), ("pka_lower", "toeplitz"), ("pka_shared", true)), items: 10);

        Assert.Equal(("none", "logits_mul", "toeplitz", "toeplitz", true, false),
            (options.PositionalEncoding, options.PkaApply, options.PkaUpper, options.PkaLower, options.PkaShared, options.PkaValues));
    }

    [Fact]
    public void Options_left_out_of_a_job_read_their_defaults()
    {
        var sinusoidal = ModelOptions.FromJob(Job("sasrec", ("pe", "abs_sinusoidal")), items: 10);
        var refined = ModelOptions.FromJob(Job("awrsr", ("hidden", 48), ("heads", 4), ("awrsr_mode", "add")), items: 10);

        Assert.True(sinusoidal.PeReverse);
        Assert.Equal((48, 12, 0.5), (refined.FfnInner, refined.AwrsrRank, refined.AwrsrMix));
    }

    [Theory]
    [InlineData("parec", "rope", "not implemented by parec")]
    [InlineData("pka", "rmha4", "not implemented by pka")]
    [InlineData("sasrec", "spiral", "unknown pe 'spiral'")]
    public void An_encoding_the_model_does_not_implement_is_refused(string model, string pe, string message)
    {
        var error = Assert.Throws<InvalidJobConfigException>(() => ModelOptions.FromJob(Job(model, ("pe", pe)), items: 10));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Rope_needs_an_even_head_size()
    {
        var error = Assert.Throws<InvalidJobConfigException>(() => ModelOptions.FromJob(Job("sasrec", ("pe", "rope"), ("hidden", 50), ("heads", 2)), items: 10));
        Assert.Contains("must be even", error.Message);
    }
}
