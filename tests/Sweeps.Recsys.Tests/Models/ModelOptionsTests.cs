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
}
