namespace Sweeps.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>y = x Wᵀ + b; PyTorch's default init, U(−1/√in, 1/√in).</summary>
        public sealed class Linear : Module<Tensor, Tensor>
        {
            public Linear(long inFeatures, long outFeatures, bool hasBias = true) : base(nameof(Linear))
            {
                var bound = 1.0 / Math.Sqrt(inFeatures);
                using var scope = NewDisposeScope();
                weight = new Parameter(empty([outFeatures, inFeatures]).uniform_(-bound, bound));
                bias = hasBias ? new Parameter(empty([outFeatures]).uniform_(-bound, bound)) : null;
                RegisterComponents();
            }

            public Parameter weight { get; }
            public Parameter? bias { get; }

            public override Tensor forward(Tensor input) => functional.linear(input, weight, bias);
        }

        /// <summary>Row lookup; the padding row (if any) starts at zero and receives no gradient.</summary>
        public sealed class Embedding : Module<Tensor, Tensor>
        {
            public Embedding(long count, long dim, long? paddingIdx = null) : base(nameof(Embedding))
            {
                PaddingIdx = paddingIdx;
                using var scope = NewDisposeScope();
                weight = new Parameter(randn([count, dim]));
                if (paddingIdx is long pad)
                    using (no_grad()) weight.select(0, pad).zero_();
                RegisterComponents();
            }

            public Parameter weight { get; }
            public long? PaddingIdx { get; }

            public override Tensor forward(Tensor indices) => functional.embedding(indices, weight, PaddingIdx);
        }

        public sealed class LayerNorm : Module<Tensor, Tensor>
        {
            public LayerNorm(long size, double eps = 1e-5) : base(nameof(LayerNorm))
            {
                Size = size;
                Eps = eps;
                using var scope = NewDisposeScope();
                weight = new Parameter(ones([size]));
                bias = new Parameter(zeros([size]));
                RegisterComponents();
            }

            public Parameter weight { get; }
            public Parameter bias { get; }
            public long Size { get; }
            public double Eps { get; }

            public override Tensor forward(Tensor input) => functional.layer_norm(input, Size, weight, bias, Eps);
        }

        public sealed class Dropout(double p = 0.5) : Module<Tensor, Tensor>(nameof(Dropout))
        {
            public double P { get; } = p;

            public override Tensor forward(Tensor input) => functional.dropout(input, P, training);
        }

        /// <summary>Dropout through <see cref="functional.hash_dropout"/>.</summary>
        public sealed class HashDropout(double p = 0.5) : Module<Tensor, Tensor>(nameof(HashDropout))
        {
            public double P { get; } = p;

            public override Tensor forward(Tensor input) => functional.hash_dropout(input, P, training);
        }

        /// <summary>An indexable list of modules, registered as "0", "1", …</summary>
        public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
        {
            private readonly List<T> _items = [];

            public ModuleList(IEnumerable<T> items) : base(nameof(ModuleList<T>))
            {
                foreach (var item in items) Add(item);
            }

            public void Add(T item)
            {
                register_module(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), item);
                _items.Add(item);
            }

            public T this[int index] => _items[index];
            public int Count => _items.Count;
            public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
