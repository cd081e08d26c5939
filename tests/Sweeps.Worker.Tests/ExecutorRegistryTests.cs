using Sweeps.Contracts.Jobs;
using Sweeps.Contracts.Failures;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Executors;

namespace Sweeps.Worker.Tests;

public sealed class ExecutorRegistryTests
{
    [Fact]
    public void One_executor_serves_many_models_in_one_line()
    {
        var trainer = new FixedExecutor();
        var registry = ExecutorRegistry.WithBuiltIns().Register(trainer, "sasrec", "fparec", "parec");

        Assert.Same(trainer, registry.Resolve("fparec"));
        Assert.Same(trainer, registry.Resolve("sasrec"));
        Assert.IsType<NoopExecutor>(registry.Resolve("noop"));
        Assert.Equal(4, registry.ModelIds.Count);
    }

    [Fact]
    public void An_unknown_model_is_a_deterministic_failure()
    {
        var error = Assert.Throws<InvalidJobConfigException>(() => new ExecutorRegistry().Resolve("bert4rec"));
        Assert.Equal(FailureKind.Deterministic, FailureClassifier.Classify(error));
    }

    private sealed class FixedExecutor : IJobExecutor
    {
        public Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
