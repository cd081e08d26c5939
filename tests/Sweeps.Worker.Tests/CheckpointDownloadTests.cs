using System.Security.Cryptography;
using System.Text;
using Sweeps.Worker.Transfer;

namespace Sweeps.Worker.Tests;

/// <summary>Before an attempt runs, the coordinator's checkpoint replaces the worker's only when it is
/// of a later evaluation; what arrives is checked against the coordinator's list.</summary>
public sealed class CheckpointDownloadTests : IDisposable
{
    private const string JobId = "1234abcd5678ef90";
    private readonly string _root = Directory.CreateTempSubdirectory("sweeps-download-").FullName;

    private string Local => Path.Combine(_root, JobId);

    [Fact]
    public async Task A_worker_without_the_checkpoint_gets_the_coordinators_with_its_marker()
    {
        var coordinator = new StoredCheckpointOnly(epoch: 3, ("state.txt", "epoch 3"), ("weights.bin", new string('w', 5000)));

        Assert.True(await CheckpointDownload.IfNewerAsync(coordinator, JobId, Local, TransferOptions.Default with { ChunkBytes = 1024 }, CancellationToken.None));

        Assert.Equal("epoch 3", await File.ReadAllTextAsync(Path.Combine(Local, "state.txt")));
        Assert.Equal(5000, new FileInfo(Path.Combine(Local, "weights.bin")).Length);
        Assert.Equal(3, CheckpointMarker.Read(Local)!.Epoch);
        Assert.Equal([JobId], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public async Task A_local_checkpoint_as_late_or_later_is_kept(int localEpoch)
    {
        Directory.CreateDirectory(Local);
        await File.WriteAllTextAsync(Path.Combine(Local, "state.txt"), $"epoch {localEpoch}");
        new CheckpointMarker(localEpoch, []).Write(Local);

        Assert.False(await CheckpointDownload.IfNewerAsync(new StoredCheckpointOnly(epoch: 3, ("state.txt", "epoch 3")), JobId, Local, TransferOptions.Default, CancellationToken.None));

        Assert.Equal($"epoch {localEpoch}", await File.ReadAllTextAsync(Path.Combine(Local, "state.txt")));
    }

    [Fact]
    public async Task An_older_local_checkpoint_is_replaced_as_a_whole()
    {
        Directory.CreateDirectory(Local);
        await File.WriteAllTextAsync(Path.Combine(Local, "stale-only.txt"), "epoch 1");
        new CheckpointMarker(1, []).Write(Local);

        Assert.True(await CheckpointDownload.IfNewerAsync(new StoredCheckpointOnly(epoch: 4, ("state.txt", "epoch 4")), JobId, Local, TransferOptions.Default, CancellationToken.None));

        Assert.Equal(["state.txt"], Directory.GetFiles(Local).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')));
    }

    [Fact]
    public async Task A_copy_that_differs_from_the_coordinators_list_leaves_the_local_checkpoint_alone()
    {
        Directory.CreateDirectory(Local);
        await File.WriteAllTextAsync(Path.Combine(Local, "state.txt"), "epoch 1");
        var coordinator = new StoredCheckpointOnly(epoch: 4, ("state.txt", "epoch 4")) { Served = "epoch 9" };

        await Assert.ThrowsAsync<Contracts.Failures.TransientJobFailure>(() =>
            CheckpointDownload.IfNewerAsync(coordinator, JobId, Local, TransferOptions.Default, CancellationToken.None));

        Assert.Equal("epoch 1", await File.ReadAllTextAsync(Path.Combine(Local, "state.txt")));
        Assert.Equal([JobId], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    /// <summary>A coordinator holding one checkpoint of the job; it can serve other bytes than it lists.</summary>
    private sealed class StoredCheckpointOnly(int epoch, params (string Name, string Text)[] files) : ICoordinatorFiles
    {
        public string? Served { get; init; }

        public Task<StoredCheckpoint?> DescribeCheckpointAsync(string jobId, CancellationToken cancellationToken) =>
            Task.FromResult<StoredCheckpoint?>(new StoredCheckpoint(epoch,
                [.. files.Select(f => new FileEntry(f.Name, Encoding.UTF8.GetByteCount(f.Text), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Text)))))]));

        public Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes(Served ?? files.Single(f => f.Name == file).Text);
            return Task.FromResult(new FileChunk(bytes[(int)offset..(int)Math.Min(bytes.Length, offset + length)], bytes.Length));
        }

        public Task<FileChunk> ReadDatasetAsync(string name, string sha256, long offset, int length, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> BeginUploadAsync(Upload upload, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> WriteUploadAsync(Upload upload, string file, long offset, byte[] data, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> CommitUploadAsync(Upload upload, IReadOnlyList<FileEntry> files, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DiscardCheckpointAsync(string jobId, string attemptToken, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
