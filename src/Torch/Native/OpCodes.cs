namespace Sweeps.Torch.Native;

// Mirrors the enums of native/shim_ops.cpp, in the same order.
internal enum UnaryOp { Neg, Exp, Log, Sqrt, Relu, Elu, Gelu, Sigmoid, Sin, Cos, Abs, Tanh, LogicalNot, Rsqrt, Square, Floor }

internal enum BinaryOp { Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, Matmul, Bmm, RSub }

internal enum InplaceOp { Add, Sub, Mul, Div, Copy, Fill, Zero }

internal enum ReduceOp { Sum, Mean, Amax, Amin, Prod }
