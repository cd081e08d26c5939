using Sweeps.Contracts.Sweeps;

namespace Sweeps.Coordinator.Submission;

/// <summary>A sweep whose name is taken by a different file; nothing was written.</summary>
public sealed class SweepNameTakenException(string name)
    : SweepRejectedException($"sweep '{name}' already exists with a different file: rename it (name:), or pass --replace (API: ?replace=true) to replace its job list (the old one is kept in its history)");

/// <summary>A sweep whose device kind no worker of this process has; nothing was written.</summary>
public sealed class SweepNeedsDeviceException(string name, DeviceKind needed, DeviceKind here)
    : SweepRejectedException($"sweep '{name}' asks for device kind {needed.Name()}, and the workers of this process train on {here.Name()}: set device: {{kind: {here.Name()}}} or any, or submit it to a cluster with {needed.Name()} workers");

/// <summary>A sweep with more jobs than one submission may add; nothing was written.</summary>
public sealed class SweepTooLargeException(string name, long jobs, long limit)
    : SweepRejectedException($"sweep '{name}' has {jobs} jobs, more than the limit of {limit} per submission: split it, or raise the limit (--max-submission-jobs)")
{
    public long Jobs { get; } = jobs;
    public long Limit { get; } = limit;
}
