using Sweeps.Coordinator.Store;

namespace Sweeps.Coordinator.Tests.Support;

/// <summary>A store in a fresh temporary directory, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    public TempStore(int? schemaVersion = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sweeps-store-").FullName;
        Store = SweepStore.Open(DbPath, schemaVersion: schemaVersion);
    }

    public string Directory { get; }
    public string DbPath => Path.Combine(Directory, "sweeps.db");
    public SweepStore Store { get; }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
