using Sweeps.Contracts.Failures;
using Sweeps.Torch;
using static Sweeps.Torch.torch;

namespace Sweeps.Recsys.Models;

/// <summary>The reference code's initialisers (docs/models.md, K9): Glorot-uniform kernels and tables
/// (TensorFlow's get_variable default), zero biases, truncated normals for positional attention.</summary>
internal static class Initialization
{
    public static nn.Linear Dense(long inFeatures, long outFeatures)
    {
        var layer = new nn.Linear(inFeatures, outFeatures);
        nn.init.xavier_uniform_(layer.weight);
        nn.init.zeros_(layer.bias!);
        return layer;
    }

    public static nn.Parameter Glorot(long rows, long columns)
    {
        using var scope = NewDisposeScope();
        return new nn.Parameter(nn.init.xavier_uniform_(empty([rows, columns])));
    }

    public static nn.Parameter Zeros(params long[] shape)
    {
        using var scope = NewDisposeScope();
        return new nn.Parameter(zeros(shape));
    }

    public static nn.Parameter PositionalMatrix(long[] shape, string init, double std)
    {
        using var scope = NewDisposeScope();
        return init switch
        {
            "trunc_normal_0.01" => new nn.Parameter(nn.init.trunc_normal_(empty(shape), 0, std)),
            "zeros" when shape[^1] == shape[^2] => new nn.Parameter(zeros(shape)),
            "zeros" => throw new InvalidJobConfigException("pa_init: zeros would freeze R1 R2ᵀ at zero (both factors get zero gradients); use it with parec"),
            _ => throw new InvalidJobConfigException($"unknown pa_init '{init}'"),
        };
    }
}
