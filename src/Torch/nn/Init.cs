namespace Sweeps.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>In-place initialisers; they never record gradients.</summary>
        public static class init
        {
            public static Tensor uniform_(Tensor t, double low = 0, double high = 1) => t.uniform_(low, high);
            public static Tensor normal_(Tensor t, double mean = 0, double std = 1) => t.normal_(mean, std);

            public static Tensor zeros_(Tensor t) => constant_(t, 0);
            public static Tensor ones_(Tensor t) => constant_(t, 1);

            public static Tensor constant_(Tensor t, double value)
            {
                using var _ = no_grad();
                return t.fill_(value);
            }

            /// <summary>Glorot-uniform: U(±√(6/(fan_in + fan_out))), with PyTorch's fan convention
            /// (a 2-D weight of shape (out, in)). <paramref name="fanIn"/>/<paramref name="fanOut"/>
            /// override it, e.g. for TensorFlow's (in, out) tables.</summary>
            public static Tensor xavier_uniform_(Tensor t, long? fanIn = null, long? fanOut = null)
            {
                var shape = t.shape;
                if (shape.Length < 2 && (fanIn is null || fanOut is null))
                    throw new TorchException("xavier_uniform_ needs a tensor of at least 2 dimensions");
                long receptive = 1;
                for (var i = 2; i < shape.Length; i++) receptive *= shape[i];
                var fin = fanIn ?? shape[1] * receptive;
                var fout = fanOut ?? shape[0] * receptive;
                var limit = Math.Sqrt(6.0 / (fin + fout));
                return t.uniform_(-limit, limit);
            }

            /// <summary>Normal(mean, std) truncated at mean ± 2·std (TensorFlow's truncated_normal).</summary>
            public static Tensor trunc_normal_(Tensor t, double mean = 0, double std = 1) =>
                t.trunc_normal_(mean, std, mean - 2 * std, mean + 2 * std);
        }
    }
}
