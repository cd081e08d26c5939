namespace Sweeps.Torch;

public enum DeviceType { CPU = 0, CUDA = 1 }

/// <summary>A compute device: <c>cpu</c> or <c>cuda:N</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static readonly Device CPU = new(DeviceType.CPU);

    public static Device Parse(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return CPU;
        if (s == "cuda") return new Device(DeviceType.CUDA);
        if (s.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), out var index) && index >= 0)
            return new Device(DeviceType.CUDA, index);
        throw new ArgumentException($"unknown device '{text}': expected cpu, cuda or cuda:N");
    }

    public override string ToString() => Type == DeviceType.CPU ? "cpu" : $"cuda:{Index}";

    public static implicit operator Device(string text) => Parse(text);
}
