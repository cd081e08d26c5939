namespace Sweeps.Torch;

/// <summary>Frees, when disposed, every tensor created on this thread while it was the innermost
/// scope, except those moved out. One scope around a training step frees all its intermediates
/// deterministically; finalizers are only a safety net.</summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<torch.Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    private readonly DisposeScope? _outer;
    private bool _disposed;

    internal DisposeScope()
    {
        _outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    public int Count => _tensors.Count;

    internal void Add(torch.Tensor tensor)
    {
        _tensors.Add(tensor);
        tensor.Scope = this;
    }

    internal void Remove(torch.Tensor tensor)
    {
        _tensors.Remove(tensor);
        tensor.Scope = null;
    }

    /// <summary>Hands the tensor to the enclosing scope (or to nobody, when this is the outermost).</summary>
    internal void MoveToOuter(torch.Tensor tensor)
    {
        Remove(tensor);
        _outer?.Add(tensor);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed innermost first, on the thread that opened them");
        current = _outer;
        foreach (var t in _tensors)
        {
            t.Scope = null;
            t.Dispose();
        }
        _tensors.Clear();
    }
}
