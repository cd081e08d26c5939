using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Sweeps.Cluster.Hosting;

/// <summary>How other silos reach this one: the address it advertises, its silo-to-silo port and its
/// client gateway port. Both ports must stay on a private network unless TLS is on.</summary>
public sealed record SiloEndpoint(IPAddress Advertised, int SiloPort, int GatewayPort)
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>The pod's address under Kubernetes (<c>POD_IP</c>), else the first up, non-loopback IPv4
    /// address of this machine, else loopback.</summary>
    public static IPAddress DefaultAddress() =>
        Environment.GetEnvironmentVariable("POD_IP") is { Length: > 0 } pod ? IPAddress.Parse(pod) : NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
}
