using Sweeps.Recsys.Models;
using Sweeps.Recsys.Models.Encodings;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>What makes pka and RoPE what they are: pka starts as sasrec (every way of applying the
/// kernel is neutral at initialisation), and RoPE is a rotation whose scores depend on offsets only.</summary>
[Collection(TorchCollection.Name)]
public sealed class KernelAndRotationTests
{
    private const int MaxLen = 8;

    public static TheoryData<string, string, string, bool> PkaConfigurations()
    {
        var cases = new TheoryData<string, string, string, bool>();
        foreach (var apply in new[] { "sandwich", "logits_mul", "weights_mul" })
        {
            cases.Add(apply, "toeplitz", "full", false);
            cases.Add(apply, "full", "toeplitz", true);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(PkaConfigurations))]
    public void Pka_at_initialisation_computes_sasrec(string apply, string upper, string lower, bool values)
    {
        var shape = TinyModels.Options("sasrec", MaxLen) with { PositionalEncoding = "none" };
        using var sasrec = TinyModels.Create(shape, seed: 1);
        using var pka = TinyModels.Create(shape with { Model = "pka", PkaApply = apply, PkaUpper = upper, PkaLower = lower, PkaValues = values }, seed: 2);
        var sasrecState = sasrec.state_dict();
        var pkaState = pka.state_dict();
        pka.load_state_dict(pkaState.ToDictionary(p => p.Key, p => sasrecState.GetValueOrDefault(p.Key) ?? p.Value));
        Assert.Equal(2 * 2, pkaState.Keys.Except(sasrecState.Keys).Count());
        sasrec.eval();
        pka.eval();
        using var scope = NewDisposeScope();
        var windows = TinyModels.Windows(MaxLen, [5, 12, 7, 29, 3], [8, 1, 16, 22, 30, 11, 4, 19]);

        var expected = sasrec.call(windows).data<float>();
        var actual = pka.call(windows).data<float>();

        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-5);
        PositionVariants.Perturb(pka);
        Assert.NotEqual(expected, pka.call(windows).data<float>());
    }

    [Fact]
    public void A_rotation_keeps_the_norm_of_every_query()
    {
        manual_seed(3);
        using var scope = NewDisposeScope();
        var queries = randn([2, 3, MaxLen, 6]);

        var rotated = RotaryPositions.Rotate(queries, offset: 5);

        var before = queries.square().sum(-1).data<float>();
        var after = rotated.square().sum(-1).data<float>();
        for (var i = 0; i < before.Length; i++)
            Assert.Equal(before[i], after[i], 1e-4);
        Assert.NotEqual(queries.data<float>(), rotated.data<float>());
    }

    [Fact]
    public void Rotated_scores_depend_on_the_offset_between_slots_only()
    {
        manual_seed(4);
        using var scope = NewDisposeScope();
        // The same query and key at every slot: any change along a diagonal would come from absolute slots.
        var query = randn([1, 1, 1, 6]).expand(1, 1, MaxLen, 6);
        var key = randn([1, 1, 1, 6]).expand(1, 1, MaxLen, 6);

        var scores = RotaryPositions.Rotate(query, 0).matmul(RotaryPositions.Rotate(key, 0).transpose(-2, -1)).data<float>();
        var shifted = RotaryPositions.Rotate(query, 7).matmul(RotaryPositions.Rotate(key, 7).transpose(-2, -1)).data<float>();

        for (var s = 0; s + 1 < MaxLen; s++)
            for (var t = 0; t + 1 < MaxLen; t++)
                Assert.Equal(scores[s * MaxLen + t], scores[(s + 1) * MaxLen + t + 1], 1e-4);
        for (var i = 0; i < scores.Length; i++)
            Assert.Equal(scores[i], shifted[i], 1e-4);
        Assert.NotEqual(scores[0], scores[1], 1e-3);
    }
}
