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

public static class DeviceKinds
{
    public static string Name(this DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => "cpu",
        DeviceKind.Cuda => "cuda",
        _ => "any",
    };

    public static DeviceKind? TryParse(string name) => name switch
    {
        "cpu" => DeviceKind.Cpu,
        "cuda" => DeviceKind.Cuda,
        "any" => DeviceKind.Any,
        _ => null,
    };

    public static DeviceKind Parse(string name) =>
        TryParse(name) ?? throw new FormatException($"device kind must be one of any, cpu, cuda, got '{name}'");

    /// <summary>Whether a worker training on <paramref name="worker"/> may run a job that needs <paramref name="job"/>.</summary>
    public static bool Runs(this DeviceKind worker, DeviceKind job) => job == DeviceKind.Any || worker == DeviceKind.Any || job == worker;

    /// <summary>What a job needs when several active sweeps contain it: the one specific kind they ask
    /// for (a sweep of kind any accepts it), else any device (none asks for one, or one asks for cpu and
    /// another for cuda: each then accepts the kind it asked for).</summary>
    public static DeviceKind Agreed(bool cpuWanted, bool cudaWanted) =>
        cpuWanted == cudaWanted ? DeviceKind.Any : cpuWanted ? DeviceKind.Cpu : DeviceKind.Cuda;
}
