using System.CommandLine;
using Sweeps.Cli.Commands.Cluster;
using Sweeps.Cli.Commands.Orchestration;

namespace Sweeps.Cli.Commands.Inspection;

/// <summary>The options that choose where a reading command reads, declared once.</summary>
public sealed class SweepSources
{
    public Option<string> Store { get; } = OrchestrationOptions.Store();

    public Option<string?> Coordinator { get; } = new("--coordinator")
    {
        Description = "Read from a running coordinator's HTTP API (a cluster) instead of a store file.",
    };

    public Option<string?> TokenFile { get; } = ClusterCliOptions.TokenFile();

    public IEnumerable<Option> All => [Store, Coordinator, TokenFile];

    public ISweepSource Open(ParseResult parse) => parse.GetValue(Coordinator) is { } url
        ? new ApiSweepSource(url, ClusterCliOptions.Token(parse.GetValue(TokenFile)))
        : new StoreSweepSource(parse.GetValue(Store)!);
}
