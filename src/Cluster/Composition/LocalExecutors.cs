using Sweeps.Contracts.Datasets;
using Sweeps.Contracts.Sweeps;
using Sweeps.Torch;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Executors;

namespace Sweeps.Cluster.Composition;

/// <summary>The executors of a worker running in this process: the built-ins plus the model trainer,
/// which finds datasets among the files a sweep resolved and in the data directory (a cluster worker
/// may have none: it fetches every dataset from the coordinator).</summary>
public static class LocalExecutors
{
    public static ExecutorRegistry Create(string dataDirectory, IEnumerable<DatasetIdentity> knownDatasets, DeviceKind device = DeviceKind.Any) =>
        Create(dataDirectory, knownDatasets, device == DeviceKind.Cuda ? new Device(DeviceType.CUDA) : Device.CPU);

    public static ExecutorRegistry Create(string? dataDirectory, IEnumerable<DatasetIdentity> knownDatasets, Device device)
    {
        var locator = new DatasetLocator(dataDirectory is null ? [] : [Path.GetFullPath(dataDirectory)]);
        foreach (var dataset in knownDatasets) locator.Register(dataset);
        var trainer = new RecsysTrainingExecutor(locator, device);
        return ExecutorRegistry.WithBuiltIns().Register(trainer, RecsysTrainingExecutor.ModelIds);
    }
}
