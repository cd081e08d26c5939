using Sweeps.Recsys.Models;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Tests.Models;

/// <summary>The row-sum check of docs/models.md (Checks): A is row-stochastic over allowed(i, j) =
/// [j ≤ i] ∧ m_j and zero on padding query rows. The masks are built here from that definition,
/// independently of the backbone.</summary>
internal static class AttentionRows
{
    public const int MaxLen = 6;

    // Row 0 has two padding slots, row 1 none.
    private static readonly bool[,] Real =
    {
        { false, false, true, true, true, true },
        { true, true, true, true, true, true },
    };

    public static void AssertStochastic(Tensor weights)
    {
        var batch = Real.GetLength(0);
        Assert.Equal(new long[] { batch, 1, MaxLen, MaxLen }, weights.shape);
        var values = weights.data<float>();
        for (var b = 0; b < batch; b++)
            for (var i = 0; i < MaxLen; i++)
            {
                double rowSum = 0;
                for (var j = 0; j < MaxLen; j++)
                {
                    var a = values[(b * MaxLen + i) * MaxLen + j];
                    var allowed = Real[b, i] && Real[b, j] && j <= i;
                    if (allowed) Assert.InRange(a, 0f, 1f);
                    else Assert.Equal(0f, a);
                    rowSum += a;
                }
                Assert.Equal(Real[b, i] ? 1.0 : 0.0, rowSum, 1e-5);
            }
    }

    public static MixerInput RandomInput(int hidden)
    {
        var batch = Real.GetLength(0);
        var real = new bool[batch * MaxLen];
        for (var b = 0; b < batch; b++)
            for (var t = 0; t < MaxLen; t++)
                real[b * MaxLen + t] = Real[b, t];
        var keep = tensor(real, batch, MaxLen);
        var m = keep.to(float32).unsqueeze(-1);
        var future = ones([MaxLen, MaxLen], @bool).triu(1).view(1, 1, MaxLen, MaxLen);
        var disallowed = future.logical_or(keep.logical_not().view(batch, 1, 1, MaxLen));
        var raw = randn([batch, MaxLen, hidden]) * m;
        return new MixerInput(raw, raw, disallowed, m.unsqueeze(1), m, future);
    }
}
