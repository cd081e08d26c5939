using Sweeps.Contracts.Jobs;

namespace Sweeps.Worker.Execution;

/// <summary>Runs one job to its result. Throw a <see cref="Contracts.Failures.DeterministicJobFailure"/>
/// for failures a retry cannot fix (bad data, NaN loss, invalid config); anything else is retried.
/// Honour the token: it fires on shutdown, and the job resumes later from its checkpoint directory.</summary>
public interface IJobExecutor
{
    Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken);
}
