using Sweeps.Coordinator.Store;

namespace Sweeps.Cli.Tests.Support;

/// <summary>Waits for a store that another process writes to reach some state, reading it read-only.</summary>
internal static class StorePolling
{
    public static async Task<T> UntilAsync<T>(string storePath, Func<SweepStore, Task<T?>> probe, string what, TimeSpan timeout) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            if (await TryProbeAsync(storePath, probe) is { } found) return found;
        }
        throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
    }

    private static async Task<T?> TryProbeAsync<T>(string storePath, Func<SweepStore, Task<T?>> probe) where T : class
    {
        if (!File.Exists(storePath)) return null;
        try
        {
            await using var store = SweepStore.OpenReadOnly(storePath);
            return await probe(store);
        }
        catch (StoreException)
        {
            // Still being created by the coordinator.
            return null;
        }
    }
}
