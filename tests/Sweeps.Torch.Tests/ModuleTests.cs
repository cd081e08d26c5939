using static Sweeps.Torch.torch;

namespace Sweeps.Torch.Tests;

public class ModuleTests
{
    [Fact]
    public void Parameters_are_registered_by_name_in_declaration_order()
    {
        using var model = new TinyModel();
        Assert.Equal(
            ["embedding.weight", "norm.weight", "norm.bias", "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"],
            model.named_parameters().Select(p => p.name));
        Assert.Equal(20 * 8 + 8 + 8 + 16 * 8 + 16 + 20 * 16 + 20, model.parameter_count());
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Eval_mode_turns_dropout_off_and_train_mode_on()
    {
        using var scope = NewDisposeScope();
        var dropout = new nn.Dropout(0.5);
        var x = ones([1000]);
        dropout.eval();
        Assert.Equal(1000f, dropout.call(x).sum().item<float>());
        dropout.train();
        Assert.NotEqual(1000f, dropout.call(x).sum().item<float>());
    }

    [Fact]
    public void Embedding_padding_row_is_zero_and_gets_no_gradient()
    {
        using var scope = NewDisposeScope();
        using var embedding = new nn.Embedding(5, 3, paddingIdx: 0);
        Assert.Equal(new float[3], embedding.weight.select(0, 0).data<float>());
        embedding.call(tensor(new long[] { 0, 1, 0 })).sum().backward();
        var grad = embedding.weight.grad!.data<float>();
        Assert.Equal(new float[3], grad[..3]);
        Assert.Equal(new[] { 1f, 1f, 1f }, grad[3..6]);
    }

    [Fact]
    public void No_grad_records_nothing()
    {
        using var scope = NewDisposeScope();
        var x = ones([2]).requires_grad_();
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * 2.0).requires_grad);
        }
        Assert.True(is_grad_enabled());
        Assert.True((x * 2.0).requires_grad);
    }

    [Fact]
    public void Moving_a_module_to_the_cpu_keeps_parameters_trainable()
    {
        using var model = new TinyModel();
        model.to(Device.CPU);
        Assert.All(model.parameters(), p => Assert.Equal(Device.CPU, p.device));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }
}
