namespace Sweeps.Contracts.Yaml;

/// <summary>A 1-based line and column in a sweep file, so every error can point at its cause.</summary>
public readonly record struct SourceMark(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
