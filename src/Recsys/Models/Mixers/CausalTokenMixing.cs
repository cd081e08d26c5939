using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>MLP-Mixer token mixing with the future masked (docs/models.md, token_mixing): a per-channel MLP
/// across slots whose weights are lower-triangular, so slot i only reads slots ≤ i:
/// G = GELU(tril(T1)·U + b1), Mix = tril(T2)·Dropout(G) + b2, U = Z ⊙ m.
/// Variant <c>single</c>: Mix = tril(T)·U + b.</summary>
public sealed class CausalTokenMixing : TokenMixer
{
    private readonly nn.Parameter _first;
    private readonly nn.Parameter _firstBias;
    private readonly nn.Parameter? _second;
    private readonly nn.Parameter? _secondBias;
    private readonly nn.HashDropout _dropout;

    public CausalTokenMixing(ModelOptions options) : base(nameof(CausalTokenMixing))
    {
        var n = options.MaxLen;
        _first = Initialization.Glorot(n, n);
        _firstBias = Initialization.Zeros(n, 1);
        if (options.TokenMixing != "single")
        {
            _second = Initialization.Glorot(n, n);
            _secondBias = Initialization.Zeros(n, 1);
        }
        _dropout = new nn.HashDropout(options.Dropout);
        RegisterComponents();
    }

    /// <summary>Padding slots feed GELU(b1) ≠ 0 into the second layer, so they reach real slots.</summary>
    public override bool SupportsTrimmedWindows => false;

    public override Tensor forward(MixerInput input)
    {
        var u = input.Normalized * input.KeepMask;
        var first = _first.tril().matmul(u) + _firstBias;
        if (_second is null) return first;
        return _second.tril().matmul(_dropout.call(first.gelu())) + _secondBias!;
    }
}
