using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

/// <summary>Shards of a training step take their gradients with autograd.grad and add them to the
/// parameters in a fixed order with accumulate_grad_.</summary>
public class AutogradGradTests
{
    [Fact]
    public void Grad_returns_what_backward_would_accumulate_and_leaves_grad_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var w = randn([3, 4]).requires_grad_();
        var unused = randn([2]).requires_grad_();
        var x = randn([5, 3]);
        Tensor Loss() => x.matmul(w).tanh().square().sum();

        var gradients = autograd.grad(Loss(), [w, unused]);
        Assert.Null(w.grad);
        Assert.Null(gradients[1]);

        Loss().backward();
        Assert.Equal(w.grad!.data<float>(), gradients[0]!.data<float>());
    }

    [Fact]
    public void Accumulate_grad_copies_the_first_gradient_and_adds_the_next()
    {
        using var scope = NewDisposeScope();
        var p = zeros([3]).requires_grad_();
        var g = tensor(new[] { 1f, 2f, 3f });
        p.accumulate_grad_(g);
        g.mul_(10);
        p.accumulate_grad_(tensor(new[] { 0.5f, 0.5f, 0.5f }));
        Assert.Equal(new[] { 1.5f, 2.5f, 3.5f }, p.grad!.data<float>());
        Assert.False(p.grad!.requires_grad);
    }
}
