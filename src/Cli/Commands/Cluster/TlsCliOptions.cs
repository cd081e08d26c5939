using System.CommandLine;
using Sweeps.Cluster.Hosting;

namespace Sweeps.Cli.Commands.Cluster;

/// <summary><c>--tls-cert</c>, <c>--tls-key</c> and <c>--tls-ca</c>: mutual TLS between silos and
/// clients of a cluster (all three, or none for plain TCP on a private network).</summary>
public sealed class TlsCliOptions
{
    private readonly Option<string?> _certificate = new("--tls-cert") { Description = "PEM certificate of this process, signed by the cluster's --tls-ca." };
    private readonly Option<string?> _key = new("--tls-key") { Description = "PEM private key of --tls-cert." };
    private readonly Option<string?> _authority = new("--tls-ca") { Description = "PEM certificate of the authority every silo's certificate must chain to." };

    public IEnumerable<Option> All => [_certificate, _key, _authority];

    /// <returns>Null when no TLS option was given.</returns>
    /// <exception cref="InvalidOperationException">Only some were given, or a file cannot be used.</exception>
    public ClusterTls? Read(ParseResult parse)
    {
        string?[] files = [parse.GetValue(_certificate), parse.GetValue(_key), parse.GetValue(_authority)];
        if (files.All(f => f is null)) return null;
        if (files.Any(f => f is null)) throw new InvalidOperationException("TLS needs all three of --tls-cert, --tls-key and --tls-ca");
        return ClusterTls.Load(files[0]!, files[1]!, files[2]!);
    }
}
