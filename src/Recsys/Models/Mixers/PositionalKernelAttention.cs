using System.Runtime.CompilerServices;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>Positional kernel attention (docs/models.md, pka; an interpretation with switches): sasrec's
/// scores S = Q Kᵀ / √d_h reshaped by a learned kernel over slots, applied as
/// <c>sandwich</c> A = softmax(mask(L S̄ U)) with S̄ = S zeroed outside allowed(i, j),
/// <c>logits_mul</c> A = softmax(mask(C ⊙ S)), or <c>weights_mul</c> A ∝ |C| ⊙ softmax(mask(S)), where
/// C = U L; with <c>pka_values</c>, V ← Uᵀ (V ⊙ m). Every form is causal and starts equal to sasrec.</summary>
public sealed class PositionalKernelAttention : ScaledDotProductAttention
{
    private readonly PositionalKernel? _kernel;
    private readonly StrongBox<PositionalKernel> _sharedKernel;

    /// <param name="shared">The kernel of the first block when blocks share one (it registers it);
    /// null for a kernel of this block's own.</param>
    private PositionalKernelAttention(ModelOptions options, PositionalKernel? shared) : base(nameof(PositionalKernelAttention), options)
    {
        if (shared is null) _kernel = new PositionalKernel(options);
        _sharedKernel = new StrongBox<PositionalKernel>(shared ?? _kernel!);
        RegisterComponents();
    }

    /// <summary>The mixer factory of one model: with <c>pka_shared</c>, the first block creates and
    /// owns the kernel and the others read it, so it is one set of parameters.</summary>
    public static Func<ModelOptions, TokenMixer> Blocks()
    {
        PositionalKernel? first = null;
        return options =>
        {
            if (!options.PkaShared) return new PositionalKernelAttention(options, shared: null);
            if (first is null)
            {
                var owner = new PositionalKernelAttention(options, shared: null);
                first = owner.Kernel;
                return owner;
            }
            return new PositionalKernelAttention(options, first);
        };
    }

    /// <summary>This block's kernel (the shared one with <c>pka_shared</c>), for inspection.</summary>
    public PositionalKernel Kernel => _sharedKernel.Value!;

    protected override Tensor Logits(MixerInput input)
    {
        var scores = base.Logits(input);
        return Options.PkaApply switch
        {
            "sandwich" => Kernel.Lower(input.Offset, input.Length)
                .matmul(scores.masked_fill(input.Disallowed, 0) * input.QueryMask)
                .matmul(Kernel.Upper(input.Offset, input.Length)),
            "logits_mul" => Kernel.Matrix(input.Offset, input.Length) * scores,
            _ => scores,
        };
    }

    protected override Tensor AttentionWeights(MixerInput input)
    {
        var weights = base.AttentionWeights(input);
        if (Options.PkaApply != "weights_mul") return weights;
        var modulated = Kernel.Matrix(input.Offset, input.Length).abs() * weights;
        // Padding query rows are all zero: 0 / tiny keeps them at 0.
        return modulated / modulated.sum(-1, keepdim: true).clamp_min(1e-30);
    }

    protected override Tensor Values(MixerInput input)
    {
        var values = base.Values(input);
        if (!Options.PkaValues) return values;
        // Padding values (b_V) are zeroed so that a trimmed window mixes exactly what the full one does.
        return Kernel.Upper(input.Offset, input.Length).t().matmul(values * input.KeepMask.unsqueeze(1));
    }
}
