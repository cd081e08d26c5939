namespace Sweeps.Contracts.Sweeps;

/// <summary>What a job of the sweep needs from a worker. Not part of a job's id: the same run is the
/// same run wherever it is scheduled.</summary>
/// <param name="Slots">Device slots one job occupies.</param>
public sealed record DeviceRequirement(DeviceKind Kind, int Slots)
{
    public static DeviceRequirement Default { get; } = new(DeviceKind.Any, 1);
}

public enum DeviceKind
{
    Any,
    Cpu,
    Cuda,
}
