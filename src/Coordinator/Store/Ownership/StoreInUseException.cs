namespace Sweeps.Coordinator.Store.Ownership;

/// <summary>Another process owns the store; nothing was changed.</summary>
public sealed class StoreInUseException(string storePath, StoreOwner? owner)
    : StoreException($"store {storePath} is in use by {owner?.ToString() ?? "another process"}; wait for it to finish, stop it, or use another --store")
{
    public StoreOwner? Owner { get; } = owner;
}
