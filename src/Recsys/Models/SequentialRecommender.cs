using Sweeps.Recsys.Models.Encodings;
using Sweeps.Recsys.Models.Mixers;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>The shared backbone (docs/models.md, Backbone): X₀ = Dropout(E[s]·√d + P) ⊙ m → blocks →
/// [FFN after the blocks] → H = LN(X); P is the learned table, or another input encoding replaces
/// "+ P" (docs/models.md, Positional encodings). Scores are H Eᵀ with the item table tied. A model of the zoo
/// is this backbone plus one <see cref="TokenMixer"/> per block.</summary>
public sealed class SequentialRecommender : nn.Module<Tensor, Tensor>
{
    internal const double LayerNormEps = 1e-8;

    private readonly nn.Parameter _items;
    private readonly nn.Parameter? _positions;
    private readonly InputEncoding? _encoding;
    private readonly nn.HashDropout _inputDropout;
    private readonly nn.ModuleList<TransformerBlock> _blocks;
    private readonly nn.LayerNorm? _ffnNorm;
    private readonly FeedForward? _ffn;
    private readonly nn.LayerNorm _finalNorm;
    private readonly double _embeddingScale;
    private readonly Dictionary<(long Length, Sweeps.Torch.Device Device), Tensor> _futureMasks = [];

    public SequentialRecommender(ModelOptions options, Func<ModelOptions, TokenMixer> mixerFactory) : base(options.Model)
    {
        Options = options;
        // TensorFlow's Glorot limit for a (V+1)×d table; the padding row is zero and never updated
        // (embedding with padding index).
        _items = Initialization.Glorot(options.Items + 1, options.Hidden);
        using (no_grad()) _items.select(0, 0).zero_();
        _positions = options.PositionalEncoding == "learned" ? Initialization.Glorot(options.MaxLen, options.Hidden) : null;
        _encoding = InputEncoding.Create(options);
        _inputDropout = new nn.HashDropout(options.Dropout);
        _blocks = new nn.ModuleList<TransformerBlock>(
            Enumerable.Range(0, options.Blocks).Select(_ => new TransformerBlock(options, mixerFactory(options))));
        if (options.FfnPlacement == "after_blocks")
        {
            _ffnNorm = new nn.LayerNorm(options.Hidden, LayerNormEps);
            _ffn = new FeedForward(options);
        }
        _finalNorm = new nn.LayerNorm(options.Hidden, LayerNormEps);
        AcceptsTrimmedWindows = options.Padding != "ref_padding" && _blocks.All(block => block.Mixer.SupportsTrimmedWindows);
        _embeddingScale = Math.Sqrt(options.Hidden);
        RegisterComponents();
    }

    public ModelOptions Options { get; }

    /// <summary>E, (V+1, d); row 0 is padding.</summary>
    public nn.Parameter ItemTable => _items;

    /// <summary>P, (n, d), the learned position embeddings; null with <c>pe: none</c>.</summary>
    public nn.Parameter? PositionTable => _positions;

    public IReadOnlyList<TransformerBlock> Blocks => _blocks;

    /// <summary>Whether forward takes windows shorter than n, read as the last slots of the full
    /// window: real slots then compute exactly what they would in the full window. True when padding
    /// cannot reach real slots (strict padding and a mixer that ignores padding slots); training cuts
    /// each batch to its longest history then.</summary>
    public bool AcceptsTrimmedWindows { get; }

    /// <summary>items (B, n) int64, left-padded with 0 → H (B, n, d); or (B, m) with m &lt; n, the
    /// last m slots, when <see cref="AcceptsTrimmedWindows"/>.</summary>
    public override Tensor forward(Tensor items) => Run(items, maps: null);

    /// <summary>Every block's attention weights A (before dropout) for a batch of windows, as
    /// forward computes them: (B or 1, h, n, n) per block, null for a block without attention
    /// weights. For attention maps of a trained model; call it in eval mode.</summary>
    public IReadOnlyList<Tensor?> AttentionMaps(Tensor items)
    {
        var maps = new List<Tensor?>();
        Run(items, maps);
        return maps;
    }

    private Tensor Run(Tensor items, List<Tensor?>? maps)
    {
        var length = items.size(1);
        var offset = Options.MaxLen - length;
        if (offset < 0 || (offset > 0 && !AcceptsTrimmedWindows))
            throw new ArgumentException($"{Options.Model} takes windows of {Options.MaxLen} slots{(offset > 0 ? "" : " at most")}, got {length}", nameof(items));
        var keep = items.ne(0);
        var m = keep.unsqueeze(-1).to(float32);
        var x = nn.functional.embedding(items, _items, paddingIdx: 0) * _embeddingScale;
        if (_positions is not null) x = x + _positions.narrow(0, offset, length);
        if (_encoding is not null) x = _encoding.call(x, offset);
        x = _inputDropout.call(x) * m;

        var future = FutureMask(items.size(1), items.device);
        var disallowed = future.logical_or(keep.logical_not().view(items.size(0), 1, 1, items.size(1)));
        var queryMask = m.unsqueeze(1);
        foreach (var block in _blocks)
        {
            var input = new MixerInput(x, x, disallowed, queryMask, m, future) { Offset = offset };
            maps?.Add(block.AttentionWeights(input));
            x = block.call(input);
        }

        if (_ffn is not null)
        {
            var z = _ffnNorm!.call(x);
            x = (z + _ffn.call(z)) * m;
        }
        return _finalNorm.call(x);
    }

    /// <summary>(1, 1, n, n) bool, true above the diagonal (j &gt; i); built once per length and
    /// device. Shards of one step call forward from several threads at once, with windows of
    /// different lengths.</summary>
    private Tensor FutureMask(long n, Sweeps.Torch.Device device)
    {
        lock (_futureMasks)
        {
            if (!_futureMasks.TryGetValue((n, device), out var mask))
            {
                mask = ones([n, n], @bool, device).triu(1).view(1, 1, n, n).DetachFromDisposeScope();
                _futureMasks[(n, device)] = mask;
            }
            return mask;
        }
    }

    protected override void DisposeCaches()
    {
        foreach (var mask in _futureMasks.Values) mask.Dispose();
        _futureMasks.Clear();
    }
}
