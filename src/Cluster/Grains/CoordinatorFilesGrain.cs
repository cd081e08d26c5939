using Orleans.Concurrency;
using Sweeps.Cluster.Placement;
using Sweeps.Cluster.Transfer;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Grains;

/// <summary>A stateless adapter over the coordinator silo's <see cref="ServedDatasets"/> and
/// <see cref="StoredUploads"/>. Reentrant, so slots of many workers transfer at once; disk work runs off
/// the grain's thread.</summary>
[CoordinatorSiloPlacement, Reentrant]
public sealed class CoordinatorFilesGrain(ServedDatasets datasets, StoredUploads uploads) : Grain, ICoordinatorFilesGrain
{
    public async Task<WireChunk> ReadDataset(string name, string sha256, long offset, int length) =>
        ToWire(await Task.Run(() => datasets.ReadAsync(name, sha256, offset, length)));

    public Task<WireCheckpoint?> DescribeCheckpoint(string jobId) =>
        Task.FromResult(uploads.Describe(jobId) is { } stored ? new WireCheckpoint(stored.Epoch, [.. stored.Files.Select(ToWire)]) : null);

    public async Task<WireChunk> ReadCheckpoint(string jobId, string file, long offset, int length) =>
        ToWire(await uploads.ReadCheckpointAsync(jobId, file, offset, length));

    public Task<bool> BeginUpload(WireUpload upload) => Task.Run(() => uploads.Begin(FromWire(upload)));

    public Task<bool> WriteUpload(WireUpload upload, string file, long offset, byte[] data) =>
        uploads.WriteAsync(FromWire(upload), file, offset, data);

    public Task<string?> CommitUpload(WireUpload upload, WireFile[] files) =>
        Task.Run(() => uploads.Commit(FromWire(upload), [.. files.Select(f => new FileEntry(f.Name, f.Length, f.Sha256))]));

    public Task DiscardCheckpoint(string jobId, string attemptToken) => Task.Run(() => uploads.Discard(jobId, attemptToken));

    private static WireChunk ToWire(FileChunk chunk) => new(chunk.Data, chunk.Length, chunk.Refusal);

    private static WireFile ToWire(FileEntry file) => new(file.Name, file.Length, file.Sha256);

    private static Upload FromWire(WireUpload upload) => new(upload.JobId, upload.AttemptToken, (UploadKind)upload.Kind, upload.Epoch);
}
