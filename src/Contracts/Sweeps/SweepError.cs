using Sweeps.Contracts.Yaml;

namespace Sweeps.Contracts.Sweeps;

/// <summary>One problem in a sweep file, printed the way compilers do so editors can jump to it.</summary>
public sealed record SweepError(string File, int Line, int Column, string Message)
{
    public SweepError(string file, SourceMark mark, string message) : this(file, mark.Line, mark.Column, message) { }

    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
