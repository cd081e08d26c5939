using System.Collections.Immutable;
using Sweeps.Contracts.Jobs;
using Sweeps.Recsys.Inspection;
using Sweeps.Recsys.Models;
using Sweeps.Recsys.Tests.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Inspection;

[Collection(TorchCollection.Name)]
public sealed class InspectionTests
{
    [Fact]
    public void The_average_pattern_gives_each_query_an_even_share_of_itself_and_the_past()
    {
        var pattern = FixedPatterns.Of("fixed_average", 5);

        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 5; j++)
                Assert.Equal(j <= i ? 1.0 / (i + 1) : 0, pattern[i, j], 1e-6);
    }

    [Fact]
    public void Parec_attention_per_layer_is_the_causal_softmax_of_its_matrix()
    {
        manual_seed(3);
        using var model = ModelFactory.Create(new ModelOptions { Model = "parec", Items = 10, MaxLen = 4, Hidden = 8, FfnInner = 8, Blocks = 2, Dropout = 0 });
        var mixer = (Sweeps.Recsys.Models.Mixers.PositionalAttention)model.Blocks[1].Mixer;
        var r = mixer.R.detach().select(0, 0).contiguous().data<float>();

        var layers = AttentionMaps.PerLayer(model);

        Assert.Equal(2, layers.Count);
        var scale = Math.Sqrt(8);
        for (var i = 0; i < 4; i++)
        {
            var denominator = Enumerable.Range(0, i + 1).Sum(j => Math.Exp(r[i * 4 + j] / scale));
            for (var j = 0; j < 4; j++)
                Assert.Equal(j <= i ? Math.Exp(r[i * 4 + j] / scale) / denominator : 0, layers[1][i, j], 1e-5);
        }
    }

    [Fact]
    public void Sasrec_has_no_slot_only_attention_to_draw()
    {
        using var model = ModelFactory.Create(new ModelOptions { Model = "sasrec", Items = 10, MaxLen = 4, Hidden = 8, FfnInner = 8 });

        Assert.False(AttentionMaps.HasPositionalAttention(model));
        Assert.Throws<ArgumentException>(() => AttentionMaps.PerLayer(model));
    }

    [Fact]
    public void Position_correlation_is_exp_of_scaled_dot_products_with_the_future_zeroed()
    {
        using var model = ModelFactory.Create(new ModelOptions { Model = "sasrec", Items = 10, MaxLen = 3, Hidden = 2, FfnInner = 2 });
        float[] p = [1, 0, 0, 2, 1, 1];
        using (no_grad()) model.PositionTable!.copy_from<float>(p);

        var correlation = PositionCorrelation.Of(model);

        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var dot = p[2 * i] * p[2 * j] + p[2 * i + 1] * p[2 * j + 1];
                Assert.Equal(j <= i ? Math.Exp(dot / Math.Sqrt(2)) : 0, correlation[i, j], 1e-4);
            }
    }

    [Fact]
    public void A_sandwich_kernel_per_block_gives_its_factors_starting_from_the_identity()
    {
        using var model = ModelFactory.Create(Pka("sandwich", shared: false));
        SetParameter(model, "blocks.1.mixer.kernel.upper", [0.5f, 0.25f, 0, 0]);

        var kernels = PositionalKernels.Of(model);

        Assert.Equal([1, 2], kernels.Select(k => k.Layer));
        Assert.All(kernels, k => Assert.Null(k.Modulation));
        Assert.Equal([1.0, 0, 0, 0], kernels[0].UpperByOffset());
        Assert.Equal([0.5, 0.25, 0, 0], kernels[1].UpperByOffset());
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(i == j ? 1 : 0, kernels[1].Lower[i, j]);
                Assert.Equal((j - i) switch { 0 => 0.5, 1 => 0.25, _ => 0 }, kernels[1].Upper[i, j]);
            }
        Assert.Equal([1.0, 0, 0, 0], kernels[1].LowerByOffset());
    }

    [Theory]
    [InlineData("logits_mul")]
    [InlineData("weights_mul")]
    public void A_shared_product_kernel_is_one_map_on_the_allowed_pairs_absolute_when_it_scales_weights(string apply)
    {
        using var model = ModelFactory.Create(Pka(apply, shared: true));
        // U stays I, so C = U L = L: the lower factor's offsets, read off below the diagonal.
        SetParameter(model, "blocks.0.mixer.kernel.lower", [1, -2, 3, -4]);

        var kernel = Assert.Single(PositionalKernels.Of(model));

        Assert.Null(kernel.Layer);
        float[] offsets = [1, -2, 3, -4];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
            {
                var c = j <= i ? offsets[i - j] : 0;
                Assert.Equal(apply == "weights_mul" ? Math.Abs(c) : c, kernel.Modulation![i, j]);
            }
    }

    [Fact]
    public void Only_pka_has_kernels_to_draw()
    {
        using var model = ModelFactory.Create(new ModelOptions { Model = "sasrec", Items = 10, MaxLen = 4, Hidden = 8, FfnInner = 8 });

        Assert.False(PositionalKernels.HasKernels(model));
        Assert.Throws<ArgumentException>(() => PositionalKernels.Of(model));
    }

    /// <summary>pka with a Toeplitz U and a full L when it is the sandwich, a Toeplitz L otherwise.</summary>
    private static ModelOptions Pka(string apply, bool shared) => new()
    {
        Model = "pka", Items = 10, MaxLen = 4, Hidden = 8, FfnInner = 8, Blocks = 2, PositionalEncoding = "none",
        PkaApply = apply, PkaUpper = "toeplitz", PkaLower = apply == "sandwich" ? "full" : "toeplitz", PkaShared = shared,
    };

    private static void SetParameter(SequentialRecommender model, string name, float[] values)
    {
        var state = model.state_dict();
        Assert.Contains(name, state.Keys);
        state[name] = tensor(values);
        model.load_state_dict(state);
    }

    [Fact]
    public void A_kept_model_is_rebuilt_from_its_job_and_weights_alone()
    {
        var job = new JobSpec("toy", "hash", "fparec", ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            [KeyValuePair.Create("maxlen", (HyperValue)6), KeyValuePair.Create("k", (HyperValue)3), KeyValuePair.Create("hidden", (HyperValue)4),
             KeyValuePair.Create("ffn_inner", (HyperValue)4), KeyValuePair.Create("blocks", (HyperValue)1)]), 1);
        var file = Path.Combine(Directory.CreateTempSubdirectory("sweeps-kept-").FullName, "model.swt");
        manual_seed(5);
        using var trained = ModelFactory.Create(ModelOptions.FromJob(job, items: 12));
        trained.save(file);

        using var kept = KeptModel.Load(job, file);

        Assert.Equal(12, kept.Options.Items);
        Assert.Equal(AttentionMaps.PerLayer(trained)[0], AttentionMaps.PerLayer(kept)[0]);
    }
}
