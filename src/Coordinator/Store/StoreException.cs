namespace Sweeps.Coordinator.Store;

/// <summary>The store cannot be used as asked (missing, not a store, read-only, owned by another
/// process); the message is one line that names the store and what to do.</summary>
public class StoreException(string message, Exception? inner = null) : Exception(message, inner);
