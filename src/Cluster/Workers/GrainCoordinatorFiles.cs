using Sweeps.Cluster.Grains;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Workers;

/// <summary>A worker's reach into the coordinator's files through the files grain, wherever it is placed.</summary>
public sealed class GrainCoordinatorFiles(IGrainFactory grains) : ICoordinatorFiles
{
    private ICoordinatorFilesGrain Files => grains.GetGrain<ICoordinatorFilesGrain>(ICoordinatorFilesGrain.Key);

    public async Task<FileChunk> ReadDatasetAsync(string name, string sha256, long offset, int length, CancellationToken cancellationToken) =>
        FromWire(await Files.ReadDataset(name, sha256, offset, length).WaitAsync(cancellationToken).ConfigureAwait(false));

    public async Task<StoredCheckpoint?> DescribeCheckpointAsync(string jobId, CancellationToken cancellationToken) =>
        await Files.DescribeCheckpoint(jobId).WaitAsync(cancellationToken).ConfigureAwait(false) is { } stored
            ? new StoredCheckpoint(stored.Epoch, [.. stored.Files.Select(f => new FileEntry(f.Name, f.Length, f.Sha256))])
            : null;

    public async Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length, CancellationToken cancellationToken) =>
        FromWire(await Files.ReadCheckpoint(jobId, file, offset, length).WaitAsync(cancellationToken).ConfigureAwait(false));

    public Task<bool> BeginUploadAsync(Upload upload, CancellationToken cancellationToken) =>
        Files.BeginUpload(ToWire(upload)).WaitAsync(cancellationToken);

    public Task<bool> WriteUploadAsync(Upload upload, string file, long offset, byte[] data, CancellationToken cancellationToken) =>
        Files.WriteUpload(ToWire(upload), file, offset, data).WaitAsync(cancellationToken);

    public Task<string?> CommitUploadAsync(Upload upload, IReadOnlyList<FileEntry> files, CancellationToken cancellationToken) =>
        Files.CommitUpload(ToWire(upload), [.. files.Select(f => new WireFile(f.Name, f.Length, f.Sha256))]).WaitAsync(cancellationToken);

    public Task DiscardCheckpointAsync(string jobId, string attemptToken, CancellationToken cancellationToken) =>
        Files.DiscardCheckpoint(jobId, attemptToken).WaitAsync(cancellationToken);

    private static FileChunk FromWire(WireChunk chunk) => new(chunk.Data, chunk.Length, chunk.Refusal);

    private static WireUpload ToWire(Upload upload) => new(upload.JobId, upload.AttemptToken, (int)upload.Kind, upload.Epoch);
}
