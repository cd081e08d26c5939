using System.CommandLine;
using System.Net;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands.Cluster;

/// <summary>Options of the verbs that join or reach a cluster, declared once.</summary>
public static class ClusterCliOptions
{
    public const string DefaultCoordinatorUrl = "http://127.0.0.1:5080";
    public const string TokenVariable = "SWEEPS_API_TOKEN";

    public static Option<string> Cluster() => new("--cluster")
    {
        Description = "Membership table of the cluster: redis://HOST:PORT.",
        Required = true,
    };

    public static Option<string?> Advertise() => new("--advertise")
    {
        Description = "Address other silos reach this one at (default: this machine's first IPv4 address).",
    };

    public static Option<int> SiloPort() => new("--silo-port")
    {
        Description = "Silo-to-silo port; keep it on a private network.",
        DefaultValueFactory = _ => SiloEndpoint.DefaultSiloPort,
    };

    public static Option<int> GatewayPort() => new("--gateway-port")
    {
        Description = "Client gateway port; keep it on a private network.",
        DefaultValueFactory = _ => SiloEndpoint.DefaultGatewayPort,
    };

    public static Option<string?> TokenFile() => new("--token-file")
    {
        Description = $"File holding the API token (default: the {TokenVariable} environment variable).",
    };

    public static Option<string> Coordinator() => new("--coordinator")
    {
        Description = "The coordinator's HTTP API.",
        DefaultValueFactory = _ => DefaultCoordinatorUrl,
    };

    public static SiloEndpoint Endpoint(ParseResult parse, Option<string?> advertise, Option<int> siloPort, Option<int> gatewayPort) =>
        new(parse.GetValue(advertise) is { } address ? IPAddress.Parse(address) : SiloEndpoint.DefaultAddress(),
            parse.GetValue(siloPort), parse.GetValue(gatewayPort));

    /// <summary>The API token from <c>--token-file</c> or the environment, never from the command line,
    /// where any user of the machine could read it in the process list.</summary>
    public static string? Token(string? tokenFile) =>
        tokenFile is null ? Environment.GetEnvironmentVariable(TokenVariable) : File.ReadAllText(tokenFile).Trim();
}
