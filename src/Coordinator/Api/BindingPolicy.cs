using System.Net;

namespace Sweeps.Coordinator.Api;

/// <summary>Who may reach the API decides whether it needs a token: loopback only is the user's own
/// machine; any other address exposes job submission to the network and is refused without one.</summary>
public static class BindingPolicy
{
    public static bool IsLoopbackOnly(IEnumerable<string> urls) => urls.All(IsLoopback);

    /// <exception cref="InvalidOperationException">A non-loopback address without a token.</exception>
    public static void Enforce(IReadOnlyCollection<string> urls, string? token)
    {
        if (!IsLoopbackOnly(urls) && string.IsNullOrEmpty(token))
            throw new InvalidOperationException(
                $"refusing to listen on {string.Join(", ", urls)} without a bearer token: set --token or SWEEPS_API_TOKEN, or bind 127.0.0.1");
    }

    private static bool IsLoopback(string url)
    {
        var host = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal)).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
