using System.Collections.Concurrent;
using Sweeps.Contracts.Failures;

namespace Sweeps.Worker.Execution;

/// <summary>Which executor runs which model. One executor usually serves a family of models, so it is
/// registered for all of them at once: <c>registry.Register(trainer, ModelCatalog.Ids.Except(["noop"]))</c>.</summary>
public sealed class ExecutorRegistry
{
    private readonly ConcurrentDictionary<string, IJobExecutor> _byModel = new(StringComparer.Ordinal);

    public ExecutorRegistry Register(IJobExecutor executor, params IEnumerable<string> modelIds)
    {
        foreach (var modelId in modelIds) _byModel[modelId] = executor;
        return this;
    }

    public IReadOnlyCollection<string> ModelIds => _byModel.Keys.ToList();

    /// <exception cref="InvalidJobConfigException">No executor for the model: no retry can fix that.</exception>
    public IJobExecutor Resolve(string modelId) =>
        _byModel.TryGetValue(modelId, out var executor)
            ? executor
            : throw new InvalidJobConfigException($"no executor is registered for model '{modelId}' on this worker");

    /// <summary>The same models, each executor wrapped once however many models it serves.</summary>
    public ExecutorRegistry Wrap(Func<IJobExecutor, IJobExecutor> wrap)
    {
        var wrapped = new Dictionary<IJobExecutor, IJobExecutor>(ReferenceEqualityComparer.Instance);
        var registry = new ExecutorRegistry();
        foreach (var (modelId, executor) in _byModel)
        {
            if (!wrapped.TryGetValue(executor, out var wrapper)) wrapped[executor] = wrapper = wrap(executor);
            registry._byModel[modelId] = wrapper;
        }
        return registry;
    }

    /// <summary>A registry with the built-in executors (<c>noop</c>).</summary>
    public static ExecutorRegistry WithBuiltIns() => new ExecutorRegistry().Register(new Executors.NoopExecutor(), Executors.NoopExecutor.ModelId);
}
