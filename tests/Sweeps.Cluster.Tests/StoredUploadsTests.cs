using System.Security.Cryptography;
using Sweeps.Cluster.Transfer;
using Sweeps.Contracts.Jobs;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Tests;

/// <summary>The coordinator's side of uploads: a checkpoint replaces the stored one only whole and
/// checked, only from the job's current attempt, and kept weights land where one process keeps them.</summary>
public sealed class StoredUploadsTests : IDisposable
{
    private const string JobId = "0f3a";
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-uploads-").FullName;
    private string _current = "attempt-2";

    private string StorePath => Path.Combine(_directory, "sweeps.db");
    private string Stored => Path.Combine(StoreFolders.Checkpoints(StorePath), JobId);

    private StoredUploads Uploads() => new(StorePath, (job, token) => job == JobId && token == _current);

    [Fact]
    public async Task A_complete_checkpoint_is_stored_with_its_epoch_and_served_back()
    {
        var uploads = Uploads();

        Assert.Null(await UploadAsync(uploads, "attempt-2", epoch: 3, ("model-3.swt", new byte[5000]), ("checkpoint.json", "{\"Epoch\":3}"u8.ToArray())));

        var stored = uploads.Describe(JobId)!;
        Assert.Equal(3, stored.Epoch);
        Assert.Equal(["checkpoint.json", "model-3.swt"], stored.Files.Select(f => f.Name).Order());
        var chunk = await uploads.ReadCheckpointAsync(JobId, "checkpoint.json", 0, 1 << 20);
        Assert.Equal("{\"Epoch\":3}", System.Text.Encoding.UTF8.GetString(chunk.Data));
        Assert.NotNull((await uploads.ReadCheckpointAsync(JobId, CheckpointMarker.FileName, 0, 1 << 20)).Refusal);
    }

    [Fact]
    public async Task A_superseded_attempt_replaces_nothing()
    {
        var uploads = Uploads();
        Assert.Null(await UploadAsync(uploads, "attempt-2", epoch: 2, ("state.bin", [1, 2, 3])));

        Assert.False(uploads.Begin(new Upload(JobId, "attempt-1", UploadKind.Checkpoint, 9)));
        // Superseded between its first chunk and its commit.
        var late = new Upload(JobId, "attempt-2", UploadKind.Checkpoint, 4);
        Assert.True(uploads.Begin(late));
        Assert.True(await uploads.WriteAsync(late, "state.bin", 0, [9, 9, 9]));
        _current = "attempt-3";
        Assert.Equal("the attempt is no longer the job's current one", uploads.Commit(late, [Entry("state.bin", [9, 9, 9])]));

        Assert.Equal(2, uploads.Describe(JobId)!.Epoch);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(Stored, "state.bin")));
    }

    [Fact]
    public async Task A_half_uploaded_checkpoint_never_replaces_a_complete_one()
    {
        var uploads = Uploads();
        byte[] complete = [.. Enumerable.Range(0, 3000).Select(i => (byte)i)];
        Assert.Null(await UploadAsync(uploads, "attempt-2", epoch: 2, ("state.bin", complete)));

        var next = new Upload(JobId, "attempt-2", UploadKind.Checkpoint, 3);
        Assert.True(uploads.Begin(next));
        Assert.True(await uploads.WriteAsync(next, "state.bin", 0, complete[..1000]));
        Assert.False(await uploads.WriteAsync(next, "state.bin", 2000, complete[2000..]));
        Assert.Equal(2, uploads.Describe(JobId)!.Epoch);
        Assert.Contains("arrived damaged", uploads.Commit(next, [Entry("state.bin", complete)]));
        Assert.Contains("not the files listed", uploads.Commit(next, [Entry("state.bin", complete), Entry("more.bin", [1])]));

        Assert.Equal(2, uploads.Describe(JobId)!.Epoch);
        Assert.Equal(complete, await File.ReadAllBytesAsync(Path.Combine(Stored, "state.bin")));
        // A coordinator started later drops what was left staged.
        Uploads();
        Assert.False(Directory.Exists(StoreFolders.Incoming(StorePath)));
    }

    [Theory]
    [InlineData("../escape.bin")]
    [InlineData(".sweeps-checkpoint.json")]
    [InlineData("/tmp/escape.bin")]
    public async Task A_file_name_that_is_not_plain_is_refused(string name)
    {
        var uploads = Uploads();
        var upload = new Upload(JobId, "attempt-2", UploadKind.Checkpoint, 1);
        Assert.True(uploads.Begin(upload));

        Assert.False(await uploads.WriteAsync(upload, name, 0, [1]));
        Assert.False(File.Exists(Path.Combine(_directory, "escape.bin")));
    }

    [Fact]
    public async Task Kept_weights_land_where_one_process_keeps_them()
    {
        var uploads = Uploads();
        byte[] weights = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7))];

        Assert.Null(await UploadAsync(uploads, "attempt-2", epoch: 0, UploadKind.Weights, [("w.swt", weights)]));

        Assert.Equal(weights, await File.ReadAllBytesAsync(KeptWeights.FileIn(KeptWeights.RootOf(StorePath), JobId)));
    }

    [Fact]
    public async Task A_discarded_checkpoint_is_gone_only_when_the_current_attempt_asks()
    {
        var uploads = Uploads();
        Assert.Null(await UploadAsync(uploads, "attempt-2", epoch: 1, ("state.bin", [1])));

        uploads.Discard(JobId, "attempt-1");
        Assert.NotNull(uploads.Describe(JobId));
        uploads.Discard(JobId, "attempt-2");
        Assert.Null(uploads.Describe(JobId));
    }

    private static Task<string?> UploadAsync(StoredUploads uploads, string token, int epoch, params (string Name, byte[] Bytes)[] files) =>
        UploadAsync(uploads, token, epoch, UploadKind.Checkpoint, files);

    /// <summary>Begin, chunks of 1000 bytes, commit: what a worker does.</summary>
    private static async Task<string?> UploadAsync(StoredUploads uploads, string token, int epoch, UploadKind kind, (string Name, byte[] Bytes)[] files)
    {
        var upload = new Upload(JobId, token, kind, epoch);
        Assert.True(uploads.Begin(upload));
        foreach (var (name, bytes) in files)
            for (var offset = 0; offset < bytes.Length; offset += 1000)
                Assert.True(await uploads.WriteAsync(upload, name, offset, bytes[offset..Math.Min(bytes.Length, offset + 1000)]));
        return uploads.Commit(upload, [.. files.Select(f => Entry(f.Name, f.Bytes))]);
    }

    private static FileEntry Entry(string name, byte[] bytes) => new(name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
