using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Encodings;

/// <summary>How the input layer adds position to x = E[s]·√d: x + T (additive) or W_c [x ; T] + b_c
/// (<c>*_concat</c>, a 2d → d layer with PyTorch's default init, as in the PE study).</summary>
public sealed class InputEncoding : nn.Module<Tensor, long, Tensor>
{
    private readonly PositionTable _table;
    private readonly nn.Linear? _concat;

    private InputEncoding(PositionTable table, ModelOptions options, bool concatenate) : base(nameof(InputEncoding))
    {
        _table = table;
        if (concatenate)
        {
            _concat = new nn.Linear(2 * options.Hidden, options.Hidden);
            // PyTorch's Linear default: weight and bias ~ U(−1/√fan_in, 1/√fan_in).
            var bound = 1 / Math.Sqrt(2 * options.Hidden);
            using (no_grad())
            {
                nn.init.uniform_(_concat.weight, -bound, bound);
                nn.init.uniform_(_concat.bias!, -bound, bound);
            }
        }
        RegisterComponents();
    }

    /// <summary>The encoding of the input layer, or null when the input gets none here (<c>none</c>,
    /// <c>learned</c> kept in the backbone, and the encodings that act inside attention).</summary>
    public static InputEncoding? Create(ModelOptions options) => options.PositionalEncoding switch
    {
        "abs_sinusoidal" => new(new SinusoidalTable(options), options, concatenate: false),
        "rotatory" => new(new RotatoryTable(options), options, concatenate: false),
        "abs_sinusoidal_concat" => new(new SinusoidalTable(options), options, concatenate: true),
        "learned_concat" => new(new LearnedTable(options), options, concatenate: true),
        "rotatory_concat" => new(new RotatoryTable(options), options, concatenate: true),
        _ => null,
    };

    /// <summary>x (B, m, d) of the window starting at slot <paramref name="offset"/>.</summary>
    public override Tensor forward(Tensor x, long offset)
    {
        var rows = _table.Rows(offset, x.size(1), x.device).unsqueeze(0);
        if (_concat is null) return x + rows;
        return _concat.call(cat([x, rows.expand(x.size(0), x.size(1), x.size(2))], -1));
    }
}
