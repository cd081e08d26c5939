using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

/// <summary>Compares libtorch's analytic gradient of sum(f(x) ⊙ w), for a random w, with central
/// finite differences in float64.</summary>
internal static class GradientCheck
{
    public static void Assert(Func<Tensor, Tensor> f, long[] shape, Func<Tensor, Tensor>? makeInput = null, double tolerance = 1e-5)
    {
        using var scope = NewDisposeScope();
        manual_seed(1234);
        var x0 = randn(shape, float64);
        if (makeInput != null) x0 = makeInput(x0);
        var x = x0.detach().requires_grad_();
        var y = f(x);
        var w = randn(y.shape, float64);
        (y * w).sum().backward();
        var analytic = x.grad!.data<double>();

        var values = x0.data<double>();
        const double h = 1e-6;
        for (var i = 0; i < values.Length; i++)
        {
            var plus = Evaluate(f, values, i, +h, shape, w);
            var minus = Evaluate(f, values, i, -h, shape, w);
            var numeric = (plus - minus) / (2 * h);
            var scale = Math.Max(1, Math.Abs(numeric));
            Xunit.Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * scale,
                $"element {i}: finite difference {numeric:G10} vs autograd {analytic[i]:G10}");
        }
    }

    private static double Evaluate(Func<Tensor, Tensor> f, double[] values, int index, double delta, long[] shape, Tensor w)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var copy = (double[])values.Clone();
        copy[index] += delta;
        return (f(tensor(copy, shape)) * w).sum().item<double>();
    }
}
