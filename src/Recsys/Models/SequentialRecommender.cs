using Sweeps.Recsys.Models.Mixers;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>The shared backbone (MODELS.md §2.2–2.4): X₀ = Dropout(E[s]·√d + P) ⊙ m → blocks →
/// [FFN after the blocks] → H = LN(X). Scores are H Eᵀ with the item table tied. A model of the zoo
/// is this backbone plus one <see cref="TokenMixer"/> per block.</summary>
public sealed class SequentialRecommender : nn.Module<Tensor, Tensor>
{
    internal const double LayerNormEps = 1e-8;

    private readonly nn.Parameter _items;
    private readonly nn.Parameter? _positions;
    private readonly nn.HashDropout _inputDropout;
    private readonly nn.ModuleList<TransformerBlock> _blocks;
    private readonly nn.LayerNorm? _ffnNorm;
    private readonly FeedForward? _ffn;
    private readonly nn.LayerNorm _finalNorm;
    private readonly double _embeddingScale;
    private Tensor? _futureMask;

    public SequentialRecommender(ModelOptions options, Func<ModelOptions, TokenMixer> mixerFactory) : base(options.Model)
    {
        Options = options;
        // TensorFlow's Glorot limit for a (V+1)×d table; the padding row is zero and never updated
        // (embedding with padding index).
        _items = Initialization.Glorot(options.Items + 1, options.Hidden);
        using (no_grad()) _items.select(0, 0).zero_();
        _positions = options.PositionalEncoding == "learned" ? Initialization.Glorot(options.MaxLen, options.Hidden) : null;
        _inputDropout = new nn.HashDropout(options.Dropout);
        _blocks = new nn.ModuleList<TransformerBlock>(
            Enumerable.Range(0, options.Blocks).Select(_ => new TransformerBlock(options, mixerFactory(options))));
        if (options.FfnPlacement == "after_blocks")
        {
            _ffnNorm = new nn.LayerNorm(options.Hidden, LayerNormEps);
            _ffn = new FeedForward(options);
        }
        _finalNorm = new nn.LayerNorm(options.Hidden, LayerNormEps);
        _embeddingScale = Math.Sqrt(options.Hidden);
        RegisterComponents();
    }

    public ModelOptions Options { get; }

    /// <summary>E, (V+1, d); row 0 is padding.</summary>
    public nn.Parameter ItemTable => _items;

    public IReadOnlyList<TransformerBlock> Blocks => _blocks;

    /// <summary>items (B, n) int64, left-padded with 0 → H (B, n, d).</summary>
    public override Tensor forward(Tensor items)
    {
        var keep = items.ne(0);
        var m = keep.unsqueeze(-1).to(float32);
        var x = nn.functional.embedding(items, _items, paddingIdx: 0) * _embeddingScale;
        if (_positions is not null) x = x + _positions;
        x = _inputDropout.call(x) * m;

        var future = FutureMask(items.size(1), items.device);
        var disallowed = future.logical_or(keep.logical_not().view(items.size(0), 1, 1, items.size(1)));
        var queryMask = m.unsqueeze(1);
        foreach (var block in _blocks)
            x = block.call(new MixerInput(x, x, disallowed, queryMask, m, future));

        if (_ffn is not null)
        {
            var z = _ffnNorm!.call(x);
            x = (z + _ffn.call(z)) * m;
        }
        return _finalNorm.call(x);
    }

    /// <summary>(1, 1, n, n) bool, true above the diagonal (j &gt; i); built once per length.</summary>
    private Tensor FutureMask(long n, Sweeps.Torch.Device device)
    {
        if (_futureMask is null || _futureMask.size(-1) != n || _futureMask.device != device)
        {
            _futureMask?.Dispose();
            _futureMask = ones([n, n], @bool, device).triu(1).view(1, 1, n, n).DetachFromDisposeScope();
        }
        return _futureMask;
    }
}
