using System.Collections.Immutable;

namespace Sweeps.Contracts.Yaml;

/// <summary>A node of a YAML document with the position it was read from. Our own small tree (rather
/// than YamlDotNet's representation model) keeps duplicate keys visible and has no aliases.</summary>
public abstract record YamlNode(SourceMark Mark)
{
    /// <summary>How the node is named in error messages ("a list", "a mapping", "the text 'x'").</summary>
    public abstract string Describe();
}

/// <summary>A scalar. <see cref="IsPlain"/> is false for quoted and block scalars, which are always text.</summary>
public sealed record YamlScalar(SourceMark Mark, string Value, bool IsPlain) : YamlNode(Mark)
{
    public override string Describe() => IsPlain ? $"'{Value}'" : $"the text \"{Value}\"";
}

public sealed record YamlSequence(SourceMark Mark, ImmutableArray<YamlNode> Items) : YamlNode(Mark)
{
    public override string Describe() => "a list";
}

public sealed record YamlMapping(SourceMark Mark, ImmutableArray<YamlEntry> Entries) : YamlNode(Mark)
{
    public override string Describe() => "a mapping";
}

/// <summary>One key of a mapping. Keys are scalars: a sweep file has no use for complex keys.</summary>
public sealed record YamlEntry(YamlScalar Key, YamlNode Value);
