namespace Sweeps.Cluster.Hosting;

/// <summary>Where the cluster's membership table lives, as given on the command line:
/// <c>redis://HOST:PORT</c>.</summary>
public sealed record ClusterAddress(string Host, int Port)
{
    public static ClusterAddress Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "redis" || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"--cluster '{text}': expected redis://HOST:PORT");
        return new ClusterAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 6379 : uri.Port);
    }

    /// <summary>The StackExchange.Redis connection string; abortConnect=false lets a silo start (and
    /// keep retrying) while Redis restarts.</summary>
    public string RedisConnectionString => $"{Host}:{Port},abortConnect=false";

    public override string ToString() => $"redis://{Host}:{Port}";
}
