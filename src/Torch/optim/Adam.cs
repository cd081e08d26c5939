using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Adam with L2 weight decay, as torch.optim.Adam. Moments are tensors this object
        /// owns, so <see cref="save"/> can checkpoint them.</summary>
        public sealed class Adam : IDisposable
        {
            private readonly nn.Parameter[] _parameters;
            private readonly Tensor?[] _expAvg;
            private readonly Tensor?[] _expAvgSq;
            private readonly long[] _steps;

            public Adam(IEnumerable<nn.Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                double eps = 1e-8, double weight_decay = 0)
            {
                _parameters = parameters.ToArray();
                _expAvg = new Tensor?[_parameters.Length];
                _expAvgSq = new Tensor?[_parameters.Length];
                _steps = new long[_parameters.Length];
                LearningRate = lr;
                Beta1 = beta1;
                Beta2 = beta2;
                Eps = eps;
                WeightDecay = weight_decay;
            }

            public double LearningRate { get; set; }
            public double Beta1 { get; }
            public double Beta2 { get; }
            public double Eps { get; }
            public double WeightDecay { get; }

            public void zero_grad()
            {
                foreach (var p in _parameters) p.zero_grad();
            }

            /// <summary>Updates every parameter that has a gradient; parameters without one (not
            /// reached by the last backward) keep their moments unchanged, as in PyTorch.</summary>
            public void step()
            {
                for (var i = 0; i < _parameters.Length; i++)
                {
                    using var grad = _parameters[i].grad;
                    if (grad is null) continue;
                    _expAvg[i] ??= Moment(_parameters[i]);
                    _expAvgSq[i] ??= Moment(_parameters[i]);
                    _steps[i]++;
                    TorchException.Check(NativeMethods.sw_adam_update(_parameters[i].Handle, grad.Handle, _expAvg[i]!.Handle,
                        _expAvgSq[i]!.Handle, _steps[i], LearningRate, Beta1, Beta2, Eps, WeightDecay));
                }
            }

            private static Tensor Moment(nn.Parameter p) => zeros(p.shape, p.dtype, p.device).DetachFromDisposeScope();

            /// <summary>Writes moments and step counts, keyed by parameter position ("3.exp_avg",
            /// "3.exp_avg_sq", "3.step"), in the format of <see cref="StateFile"/>.</summary>
            public void save(string path)
            {
                using var scope = NewDisposeScope();
                var state = new Dictionary<string, Tensor>();
                for (var i = 0; i < _parameters.Length; i++)
                {
                    if (_expAvg[i] is null) continue;
                    state[$"{i}.exp_avg"] = _expAvg[i]!;
                    state[$"{i}.exp_avg_sq"] = _expAvgSq[i]!;
                    state[$"{i}.step"] = tensor(new[] { _steps[i] }, 1);
                }
                StateFile.Save(path, state);
            }

            public void load(string path)
            {
                using var scope = NewDisposeScope();
                var state = StateFile.Load(path);
                using var _ = no_grad();
                for (var i = 0; i < _parameters.Length; i++)
                {
                    if (!state.TryGetValue($"{i}.step", out var step)) continue;
                    _steps[i] = step.data<long>()[0];
                    (_expAvg[i] ??= Moment(_parameters[i])).copy_(state[$"{i}.exp_avg"]);
                    (_expAvgSq[i] ??= Moment(_parameters[i])).copy_(state[$"{i}.exp_avg_sq"]);
                }
            }

            public void Dispose()
            {
                foreach (var t in _expAvg) t?.Dispose();
                foreach (var t in _expAvgSq) t?.Dispose();
            }
        }
    }
}
