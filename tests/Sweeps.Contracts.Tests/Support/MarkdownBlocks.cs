using System.Text.RegularExpressions;

namespace Sweeps.Contracts.Tests.Support;

/// <summary>The fenced code blocks of a Markdown file, by info string.</summary>
internal static partial class MarkdownBlocks
{
    public static List<string> Of(string markdown, string language) =>
        Fence().Matches(markdown.ReplaceLineEndings("\n"))
            .Where(m => m.Groups["lang"].Value == language)
            .Select(m => m.Groups["body"].Value)
            .ToList();

    [GeneratedRegex(@"^```(?<lang>\w*)\n(?<body>.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
