using static Sweeps.Torch.torch;
using F = Sweeps.Torch.torch.nn.functional;

namespace Sweeps.Torch.Tests;

public class GradientTests
{
    private static Tensor Constant(long[] shape, int seed)
    {
        manual_seed(seed);
        return randn(shape, float64);
    }

    private static Tensor Positive(Tensor x) => x.abs() + 0.5;

    public static TheoryData<string> UnaryOps => new() { "neg", "exp", "log", "sqrt", "rsqrt", "square", "relu", "elu", "gelu", "sigmoid", "tanh", "sin", "cos", "abs" };

    private static Func<Tensor, Tensor> Unary(string op) => op switch
        {
            "neg" => x => -x,
            "exp" => x => x.exp(),
            "log" => x => x.log(),
            "sqrt" => x => x.sqrt(),
            "rsqrt" => x => x.rsqrt(),
            "square" => x => x.square(),
            "relu" => x => x.relu(),
            "elu" => x => x.elu(),
            "gelu" => x => x.gelu(),
            "sigmoid" => x => x.sigmoid(),
            "tanh" => x => x.tanh(),
            "sin" => x => x.sin(),
            "cos" => x => x.cos(),
            "abs" => x => x.abs(),
            _ => throw new ArgumentException(op),
        };

    private static bool NeedsPositive(string op) => op is "log" or "sqrt" or "rsqrt";

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_ops_match_finite_differences(string op) =>
        GradientCheck.Assert(Unary(op), [3, 4], NeedsPositive(op) ? Positive : null);

    /// <summary>Models train in float32, on tensors large enough for libtorch's vectorised kernels,
    /// with each op between two broadcast matmuls (as in token mixing), so its incoming gradient is a
    /// strided view: the float64 check above covers none of that, and missed a GELU whose backward
    /// returned garbage there.</summary>
    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_op_gradients_in_float32_between_matmuls_agree_with_float64(string op)
    {
        using var scope = NewDisposeScope();
        var weight = Constant([64, 64], 11);
        var input = Constant([4, 64, 37], 12);
        if (NeedsPositive(op)) input = Positive(input);
        var upstream = Constant([4, 64, 37], 13);
        double[] Gradient(ScalarType type)
        {
            var x = input.to(type).detach().requires_grad_();
            var mixed = weight.to(type).tril().matmul(x) / 8.0;
            var y = weight.to(type).t().tril().matmul(Unary(op)(NeedsPositive(op) ? mixed.abs() + 0.5 : mixed));
            (y * upstream.to(type)).sum().backward();
            return x.grad!.to(float64).data<double>();
        }
        var exact = Gradient(ScalarType.Float64);
        var single = Gradient(ScalarType.Float32);
        for (var i = 0; i < exact.Length; i++)
            Assert.True(Math.Abs(single[i] - exact[i]) <= 1e-3 * Math.Max(1, Math.Abs(exact[i])),
                $"{op}: element {i}: float32 gradient {single[i]:G8} vs float64 {exact[i]:G8}");
    }

    public static TheoryData<string> BinaryOps => new() { "add", "sub", "mul", "div", "pow", "add_alpha", "maximum", "minimum", "scalar_arith", "rsub" };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Broadcasting_arithmetic_matches_finite_differences(string op)
    {
        Func<Tensor, Tensor> f = op switch
        {
            "add" => x => x + Constant([4], 1),
            "sub" => x => Constant([3, 1], 2) - x,
            "mul" => x => x * Constant([1, 4], 3),
            "div" => x => Constant([3, 4], 4) / (x.abs() + 1),
            "pow" => x => (x.abs() + 0.5).pow(1.7),
            "add_alpha" => x => x.add(x.square(), 0.3),
            "maximum" => x => x.maximum(Constant([3, 4], 5)),
            "minimum" => x => x.minimum(Constant([3, 4], 6)),
            "scalar_arith" => x => (x * 2.5 + 1.0) / 3.0 - 0.25,
            "rsub" => x => 1.0 - x,
            _ => throw new ArgumentException(op),
        };
        GradientCheck.Assert(f, [3, 4]);
    }

    [Fact]
    public void Matmul_and_bmm_match_finite_differences()
    {
        GradientCheck.Assert(x => x.matmul(Constant([4, 2], 7)), [3, 4]);
        GradientCheck.Assert(x => Constant([2, 3], 8).matmul(x), [3, 4]);
        GradientCheck.Assert(x => x.bmm(Constant([2, 3, 2], 9)), [2, 2, 3]);
    }

    [Fact]
    public void Reductions_match_finite_differences()
    {
        GradientCheck.Assert(x => x.sum(), [3, 4]);
        GradientCheck.Assert(x => x.sum(1, keepdim: true), [3, 4]);
        GradientCheck.Assert(x => x.mean(), [3, 4]);
        GradientCheck.Assert(x => x.mean(0), [3, 4]);
        GradientCheck.Assert(x => x.max(), [3, 4]);
        GradientCheck.Assert(x => x.max(1).values, [3, 4]);
        GradientCheck.Assert(x => x.amax(0), [3, 4]);
        GradientCheck.Assert(x => x.cumsum(1), [3, 4]);
    }

    private static readonly Dictionary<string, (Func<Tensor, Tensor> F, long[] Shape)> ShapeAndNnCases = new()
    {
        ["view"] = (x => x.view(4, 3) * Constant([4, 3], 10), [3, 4]),
        ["reshape"] = (x => x.reshape(2, 6) * Constant([2, 6], 11), [3, 4]),
        ["transpose"] = (x => x.transpose(0, 1) * Constant([4, 3], 12), [3, 4]),
        ["permute"] = (x => x.permute(2, 0, 1) * Constant([2, 2, 3], 13), [2, 3, 2]),
        ["expand"] = (x => x.unsqueeze(0).expand(2, 3, 4) * Constant([2, 3, 4], 14), [3, 4]),
        ["narrow"] = (x => x.narrow(1, 1, 2) * Constant([3, 2], 15), [3, 4]),
        ["cat"] = (x => cat([x, x.square()], 1), [3, 4]),
        ["stack"] = (x => stack([x, x * 2.0], 0), [3, 4]),
        ["tril_triu"] = (x => x.tril() + x.triu(1) * 2.0, [4, 4]),
        ["squeeze"] = (x => x.squeeze(0) * Constant([3, 4], 16), [1, 3, 4]),
        ["index_select"] = (x => x.index_select(0, tensor(new long[] { 2, 0, 2 })), [3, 4]),
        ["gather"] = (x => x.gather(1, tensor(new long[] { 0, 3, 1, 1, 2, 0 }, 3, 2)), [3, 4]),
        ["masked_fill"] = (x => x.masked_fill(tensor(new[] { true, false, false, true }, 1, 4), -3.0), [3, 4]),
        ["where"] = (x => where(Constant([3, 4], 17).gt(0), x, x.square()), [3, 4]),
        ["softmax"] = (x => x.softmax(1), [3, 4]),
        ["log_softmax"] = (x => x.log_softmax(0), [3, 4]),
        ["layer_norm"] = (x => F.layer_norm(x, 4, Constant([4], 18), Constant([4], 19), 1e-8), [3, 4]),
        ["linear_input"] = (x => F.linear(x, Constant([5, 4], 20), Constant([5], 21)), [3, 4]),
        ["linear_weight"] = (w => F.linear(Constant([3, 4], 22), w), [5, 4]),
        ["dropout"] = (x =>
        {
            manual_seed(99);
            return F.dropout(x, 0.3, training: true);
        }, [3, 4]),
        // Without a padding index: the padding row's zero gradient is checked in ModuleTests.
        ["embedding"] = (w => F.embedding(tensor(new long[] { 0, 2, 2, 1 }, 2, 2), w), [3, 4]),
        ["cross_entropy"] = (x => F.cross_entropy(x, tensor(new long[] { 1, 3, 0 }), ignoreIndex: 0), [3, 4]),
        ["bce_with_logits"] = (x => F.binary_cross_entropy_with_logits(x, Constant([3, 4], 23).gt(0).to(float64)), [3, 4]),
    };

    public static TheoryData<string> ShapeAndNnCaseNames => new(ShapeAndNnCases.Keys);

    [Theory]
    [MemberData(nameof(ShapeAndNnCaseNames))]
    public void Shape_indexing_and_nn_ops_match_finite_differences(string name)
    {
        var (f, shape) = ShapeAndNnCases[name];
        GradientCheck.Assert(f, shape);
    }

    [Fact]
    public void Fused_cross_entropy_gradients_match_finite_differences_for_both_inputs()
    {
        using var target = tensor(new long[] { 4, 0, 2, 4, 1 });
        GradientCheck.Assert(h => F.fused_softmax_cross_entropy(h, Constant([6, 3], 24), target, chunkRows: 2), [5, 3]);
        GradientCheck.Assert(e => F.fused_softmax_cross_entropy(Constant([5, 3], 25), e, target, chunkRows: 2), [6, 3]);
    }
}
