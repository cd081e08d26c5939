namespace Sweeps.Torch;

/// <summary>Element types the binding supports; the numbers are the shim's dtype codes.</summary>
public enum ScalarType
{
    Float32 = 0,
    Int64 = 1,
    Bool = 2,
    Float64 = 3,
    Int32 = 4,
    Byte = 5,
}

internal static class ScalarTypes
{
    public static int ElementSize(ScalarType t) => t switch
    {
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        ScalarType.Bool or ScalarType.Byte => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static ScalarType Of<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? ScalarType.Float32
        : typeof(T) == typeof(long) ? ScalarType.Int64
        : typeof(T) == typeof(bool) ? ScalarType.Bool
        : typeof(T) == typeof(double) ? ScalarType.Float64
        : typeof(T) == typeof(int) ? ScalarType.Int32
        : typeof(T) == typeof(byte) ? ScalarType.Byte
        : throw new NotSupportedException($"no tensor element type for {typeof(T).Name}");
}
