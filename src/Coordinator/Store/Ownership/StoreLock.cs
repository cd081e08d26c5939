using System.Text.Json;

namespace Sweeps.Coordinator.Store.Ownership;

/// <summary>Exclusive ownership of a store by the one process that runs its jobs. The lock is an OS
/// file lock on <c>&lt;store&gt;.lock</c> (flock on Unix), so the kernel drops it when the owner dies,
/// even by SIGKILL: a stale lock cannot outlive its process. Who holds it is written to
/// <c>&lt;store&gt;.owner</c>, which others can read while the lock file itself is locked.</summary>
public sealed class StoreLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _ownerFile;

    private StoreLock(FileStream lockStream, string ownerFile, StoreOwner owner) =>
        (_lock, _ownerFile, Owner) = (lockStream, ownerFile, owner);

    public StoreOwner Owner { get; }

    /// <exception cref="StoreInUseException">Another process holds the store.</exception>
    public static StoreLock Acquire(string storePath, string command)
    {
        var full = Path.GetFullPath(storePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var stream = TryLock(storePath) ?? throw new StoreInUseException(storePath, ReadOwner(storePath));
        var owner = StoreOwner.Current(command);
        var ownerFile = full + ".owner";
        File.WriteAllText(ownerFile + ".tmp", JsonSerializer.Serialize(owner));
        File.Move(ownerFile + ".tmp", ownerFile, overwrite: true);
        return new StoreLock(stream, ownerFile, owner);
    }

    /// <summary>Who holds the store, if anyone does and said so.</summary>
    public static StoreOwner? ReadOwner(string storePath)
    {
        try { return JsonSerializer.Deserialize<StoreOwner>(File.ReadAllText(Path.GetFullPath(storePath) + ".owner")); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Whether a process holds the store now.</summary>
    public static bool IsHeld(string storePath)
    {
        if (!File.Exists(Path.GetFullPath(storePath) + ".lock")) return false;
        using var probe = TryLock(storePath);
        return probe is null;
    }

    /// <returns>The locked lock file, or null when another process holds it.</returns>
    private static FileStream? TryLock(string storePath)
    {
        var lockFile = Path.GetFullPath(storePath) + ".lock";
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockFile))
        {
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException($"cannot write {lockFile}, which owning store {storePath} needs: check the directory's permissions or use another --store", e);
        }
    }

    public void Dispose()
    {
        try { File.Delete(_ownerFile); }
        catch (IOException) { /* the next owner overwrites it */ }
        _lock.Dispose();
    }
}
