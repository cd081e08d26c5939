using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models.Mixers;

/// <summary>The kernel of positional kernel attention (docs/models.md, pka): a lower-triangular L and an
/// upper-triangular U over the n slots, each <c>toeplitz</c> (one value per offset: L_ij = ℓ_{i−j},
/// U_ij = u_{j−i}; n parameters) or <c>full</c> (an n×n table of which the triangle is used). Both
/// start where the kernel changes nothing: U = I, and L = I for the sandwich, L ≡ 1 (so C = U L ≡ 1
/// on j ≤ i) when it multiplies.</summary>
public sealed class PositionalKernel : nn.Module
{
    private readonly nn.Parameter _upper;
    private readonly nn.Parameter _lower;
    private readonly bool _upperToeplitz;
    private readonly bool _lowerToeplitz;

    public PositionalKernel(ModelOptions options) : base(nameof(PositionalKernel))
    {
        var n = options.MaxLen;
        _upperToeplitz = options.PkaUpper == "toeplitz";
        _lowerToeplitz = options.PkaLower == "toeplitz";
        using (var scope = NewDisposeScope())
        {
            _upper = new nn.Parameter(Identity(n, _upperToeplitz));
            _lower = new nn.Parameter(options.PkaApply == "sandwich" ? Identity(n, _lowerToeplitz) : Ones(n, _lowerToeplitz));
        }
        RegisterComponents();
    }

    /// <summary>U over the slots offset … offset + length − 1, (length, length).</summary>
    public Tensor Upper(long offset, long length) =>
        _upperToeplitz ? Toeplitz(_upper, length, upper: true) : Window(_upper, offset, length).triu();

    /// <summary>L over the slots offset … offset + length − 1, (length, length).</summary>
    public Tensor Lower(long offset, long length) =>
        _lowerToeplitz ? Toeplitz(_lower, length, upper: false) : Window(_lower, offset, length).tril();

    /// <summary>C = U L, (length, length): the kernel that multiplies logits or weights. On a window's
    /// last slots it equals the full product's block, since (U L)_ij only sums over slots ≥ max(i, j).</summary>
    public Tensor Matrix(long offset, long length) => Upper(offset, length).matmul(Lower(offset, length));

    private static Tensor Window(Tensor full, long offset, long length) =>
        full.narrow(0, offset, length).narrow(1, offset, length);

    /// <summary>T_ij = t_{|i−j|} on the chosen triangle, 0 elsewhere.</summary>
    private static Tensor Toeplitz(Tensor values, long length, bool upper)
    {
        var slots = arange(0, length, device: values.device);
        var distance = (upper ? slots.view(1, length) - slots.view(length, 1) : slots.view(length, 1) - slots.view(1, length)).clamp_min(0);
        var matrix = values.index_select(0, distance.reshape(length * length)).view(length, length);
        return upper ? matrix.triu() : matrix.tril();
    }

    private static Tensor Identity(long n, bool toeplitz) =>
        toeplitz ? cat([ones([1]), zeros([n - 1])]) : ones([n, n]).triu().tril();

    private static Tensor Ones(long n, bool toeplitz) => toeplitz ? ones([n]) : ones([n, n]);
}
