using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>docs/models.md, Checks: fparec is parec with R factorised, so with k = n and R1 R2ᵀ = R it must compute
/// what parec computes. R2 is a cyclic permutation P and R1 = R P: exact in float, and unlike R2 = I it
/// would expose a product taken without the transpose.</summary>
[Collection(TorchCollection.Name)]
public sealed class FactorizedPositionalTests
{
    private const int MaxLen = 8;

    [Fact]
    public void Fparec_whose_R1_R2_transposed_equals_R_computes_parec()
    {
        using var parec = TinyModels.Create(TinyModels.Options("parec", MaxLen), seed: 1);
        using var fparec = TinyModels.Create(TinyModels.Options("fparec", MaxLen) with { K = MaxLen }, seed: 2);
        parec.eval();
        fparec.eval();
        using var scope = NewDisposeScope();
        var windows = TinyModels.Windows(MaxLen, [5, 12, 7, 29, 3], [8, 1, 16, 22, 30, 11, 4, 19]);
        var expected = parec.call(windows).data<float>();
        Assert.NotEqual(expected, fparec.call(windows).data<float>());

        fparec.load_state_dict(AsFactorized(parec.state_dict(), fparec.state_dict().Keys));

        var actual = fparec.call(windows).data<float>();
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-5);
    }

    /// <summary>parec's weights under fparec's names: shared names copied, each block's R becomes the
    /// factors R P and P.</summary>
    private static Dictionary<string, Tensor> AsFactorized(Dictionary<string, Tensor> parec, IEnumerable<string> fparecNames)
    {
        var shift = new float[MaxLen * MaxLen];
        for (var i = 0; i < MaxLen; i++) shift[i * MaxLen + (i + 1) % MaxLen] = 1;
        var permutation = tensor(shift, 1, MaxLen, MaxLen);
        return fparecNames.ToDictionary(name => name, name => name switch
        {
            _ when parec.TryGetValue(name, out var shared) => shared,
            _ when name.EndsWith(".mixer.left", StringComparison.Ordinal) => parec[name[..^"left".Length] + "positions"].matmul(permutation),
            _ when name.EndsWith(".mixer.right", StringComparison.Ordinal) => permutation,
            _ => throw new InvalidOperationException($"fparec parameter {name} has no parec counterpart"),
        });
    }
}
