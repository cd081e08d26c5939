using Sweeps.Contracts.Jobs;

namespace Sweeps.Worker.Execution;

/// <summary>Where a worker gets a dataset none of its data directories holds: a copy of the
/// coordinator's file, found by the job's content hash. Absent where the worker shares the
/// coordinator's disk.</summary>
public interface IDatasetSource
{
    /// <returns>A local file whose SHA-256 is <see cref="JobSpec.DatasetHash"/>.</returns>
    /// <exception cref="Contracts.Failures.BadJobDataException">The coordinator has no such file, or the copy
    /// does not match the hash.</exception>
    Task<string> FetchAsync(JobSpec job, CancellationToken cancellationToken);
}
