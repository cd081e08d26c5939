using Sweeps.Torch.Native;

namespace Sweeps.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private Tensor Unary(UnaryOp op) => new(NativeMethods.sw_unary(op, Handle));
        private Tensor Binary(BinaryOp op, Tensor other) => new(NativeMethods.sw_binary(op, Handle, other.Handle));
        private Tensor Binary(BinaryOp op, double scalar) => new(NativeMethods.sw_binary_scalar(op, Handle, scalar));

        public static Tensor operator +(Tensor a, Tensor b) => a.Binary(BinaryOp.Add, b);
        public static Tensor operator +(Tensor a, double b) => a.Binary(BinaryOp.Add, b);
        public static Tensor operator +(double a, Tensor b) => b.Binary(BinaryOp.Add, a);
        public static Tensor operator -(Tensor a, Tensor b) => a.Binary(BinaryOp.Sub, b);
        public static Tensor operator -(Tensor a, double b) => a.Binary(BinaryOp.Sub, b);
        public static Tensor operator -(double a, Tensor b) => b.Binary(BinaryOp.RSub, a);
        public static Tensor operator -(Tensor a) => a.Unary(UnaryOp.Neg);
        public static Tensor operator *(Tensor a, Tensor b) => a.Binary(BinaryOp.Mul, b);
        public static Tensor operator *(Tensor a, double b) => a.Binary(BinaryOp.Mul, b);
        public static Tensor operator *(double a, Tensor b) => b.Binary(BinaryOp.Mul, a);
        public static Tensor operator /(Tensor a, Tensor b) => a.Binary(BinaryOp.Div, b);
        public static Tensor operator /(Tensor a, double b) => a.Binary(BinaryOp.Div, b);

        /// <summary>this + alpha · other, in one kernel.</summary>
        public Tensor add(Tensor other, double alpha = 1) => new(NativeMethods.sw_add_scaled(Handle, other.Handle, alpha));
        public Tensor pow(double exponent) => Binary(BinaryOp.Pow, exponent);
        public Tensor pow(Tensor exponent) => Binary(BinaryOp.Pow, exponent);
        public Tensor maximum(Tensor other) => Binary(BinaryOp.Maximum, other);
        public Tensor minimum(Tensor other) => Binary(BinaryOp.Minimum, other);
        public Tensor clamp(double min, double max) => new(NativeMethods.sw_clamp(Handle, min, max));
        public Tensor clamp_min(double min) => Binary(BinaryOp.Maximum, min);
        public Tensor clamp_max(double max) => Binary(BinaryOp.Minimum, max);
        public Tensor matmul(Tensor other) => Binary(BinaryOp.Matmul, other);
        public Tensor bmm(Tensor other) => Binary(BinaryOp.Bmm, other);

        public Tensor eq(Tensor other) => Binary(BinaryOp.Eq, other);
        public Tensor eq(double other) => Binary(BinaryOp.Eq, other);
        public Tensor ne(Tensor other) => Binary(BinaryOp.Ne, other);
        public Tensor ne(double other) => Binary(BinaryOp.Ne, other);
        public Tensor lt(Tensor other) => Binary(BinaryOp.Lt, other);
        public Tensor lt(double other) => Binary(BinaryOp.Lt, other);
        public Tensor le(Tensor other) => Binary(BinaryOp.Le, other);
        public Tensor le(double other) => Binary(BinaryOp.Le, other);
        public Tensor gt(Tensor other) => Binary(BinaryOp.Gt, other);
        public Tensor gt(double other) => Binary(BinaryOp.Gt, other);
        public Tensor ge(Tensor other) => Binary(BinaryOp.Ge, other);
        public Tensor ge(double other) => Binary(BinaryOp.Ge, other);
        public Tensor logical_and(Tensor other) => Binary(BinaryOp.LogicalAnd, other);
        public Tensor logical_or(Tensor other) => Binary(BinaryOp.LogicalOr, other);
        public Tensor logical_not() => Unary(UnaryOp.LogicalNot);

        public Tensor neg() => Unary(UnaryOp.Neg);
        public Tensor exp() => Unary(UnaryOp.Exp);
        public Tensor log() => Unary(UnaryOp.Log);
        public Tensor sqrt() => Unary(UnaryOp.Sqrt);
        public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);
        public Tensor square() => Unary(UnaryOp.Square);
        public Tensor abs() => Unary(UnaryOp.Abs);
        public Tensor floor() => Unary(UnaryOp.Floor);
        public Tensor relu() => Unary(UnaryOp.Relu);
        public Tensor elu() => Unary(UnaryOp.Elu);
        public Tensor gelu() => Unary(UnaryOp.Gelu);
        public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);
        public Tensor tanh() => Unary(UnaryOp.Tanh);
        public Tensor sin() => Unary(UnaryOp.Sin);
        public Tensor cos() => Unary(UnaryOp.Cos);

        public Tensor softmax(long dim) => new(NativeMethods.sw_softmax(Handle, dim));
        public Tensor log_softmax(long dim) => new(NativeMethods.sw_log_softmax(Handle, dim));
    }
}
