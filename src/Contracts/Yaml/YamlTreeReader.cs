using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweeps.Contracts.Yaml;

/// <summary>Reads one YAML document into a <see cref="YamlNode"/> tree. Anchors, aliases and tags are
/// refused (an alias "bomb" can describe billions of nodes in a few lines, and a sweep needs none of
/// them), and the number of nodes is capped.</summary>
public sealed class YamlTreeReader
{
    public const int DefaultMaxNodes = 100_000;

    private readonly int _maxNodes;
    private readonly List<(SourceMark Mark, string Message)> _problems = [];
    private int _nodes;

    public YamlTreeReader(int maxNodes = DefaultMaxNodes) => _maxNodes = maxNodes;

    /// <summary>Problems found while reading; when any exists the returned tree must not be trusted.</summary>
    public IReadOnlyList<(SourceMark Mark, string Message)> Problems => _problems;

    /// <summary>Returns the document's root, or null when the text has no document or cannot be read.</summary>
    public YamlNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                _problems.Add((new SourceMark(1, 1), "the file holds no YAML document"));
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
                _problems.Add((MarkOf(second.Start), "only one YAML document is allowed per sweep file"));
            return root;
        }
        catch (NodeLimitExceeded)
        {
            return null;
        }
        catch (YamlException e)
        {
            _problems.Add((MarkOf(e.Start), $"YAML syntax error: {TrimPosition(e.Message)}"));
            return null;
        }
    }

    private YamlNode? ReadNode(IParser parser)
    {
        if (++_nodes > _maxNodes)
        {
            _problems.Add((MarkOf(parser.Current!.Start), $"the document has more than {_maxNodes} nodes"));
            throw new NodeLimitExceeded();
        }
        var current = parser.Current!;
        if (current is AnchorAlias alias)
        {
            parser.MoveNext();
            _problems.Add((MarkOf(alias.Start), $"YAML aliases (*{alias.Value}) are not allowed in sweep files"));
            return null;
        }
        if (current is NodeEvent node)
        {
            if (!node.Anchor.IsEmpty)
                _problems.Add((MarkOf(node.Start), $"YAML anchors (&{node.Anchor.Value}) are not allowed in sweep files"));
            if (!node.Tag.IsEmpty)
                _problems.Add((MarkOf(node.Start), $"YAML tags ({node.Tag.Value}) are not allowed in sweep files"));
        }
        return current switch
        {
            Scalar scalar => ReadScalar(parser, scalar),
            SequenceStart start => ReadSequence(parser, start),
            MappingStart start => ReadMapping(parser, start),
            _ => throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}"),
        };
    }

    private static YamlScalar ReadScalar(IParser parser, Scalar scalar)
    {
        parser.MoveNext();
        return new YamlScalar(MarkOf(scalar.Start), scalar.Value, scalar.Style == ScalarStyle.Plain);
    }

    private YamlSequence ReadSequence(IParser parser, SequenceStart start)
    {
        parser.MoveNext();
        var items = ImmutableArray.CreateBuilder<YamlNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            if (ReadNode(parser) is { } item) items.Add(item);
        }
        return new YamlSequence(MarkOf(start.Start), items.ToImmutable());
    }

    private YamlMapping ReadMapping(IParser parser, MappingStart start)
    {
        parser.MoveNext();
        var entries = ImmutableArray.CreateBuilder<YamlEntry>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadNode(parser);
            var value = ReadNode(parser);
            if (key is not YamlScalar scalarKey)
            {
                if (key is not null) _problems.Add((key.Mark, "mapping keys must be plain names"));
                continue;
            }
            if (value is not null) entries.Add(new YamlEntry(scalarKey, value));
        }
        return new YamlMapping(MarkOf(start.Start), entries.ToImmutable());
    }

    private static SourceMark MarkOf(Mark mark) => new((int)mark.Line, (int)mark.Column);

    /// <summary>YamlDotNet prefixes messages with its own "(Line: …)" position; ours comes first already.</summary>
    private static string TrimPosition(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }

    private sealed class NodeLimitExceeded : Exception;
}
