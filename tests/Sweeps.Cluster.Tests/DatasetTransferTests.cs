using System.Collections.Immutable;
using System.Security.Cryptography;
using Orleans.TestingHost;
using Sweeps.Cluster.Grains;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Jobs;
using Sweeps.Coordinator;
using Sweeps.Coordinator.Store;
using Sweeps.Worker.Transfer;

namespace Sweeps.Cluster.Tests;

/// <summary>Datasets fetched through a real coordinator silo's files grain in chunks: a copy is whole,
/// verified and reused; only files the coordinator finds inside its data root with the requested hash
/// are served; two slots needing the same dataset transfer it once; a damaged copy is deleted.</summary>
public sealed class DatasetTransferTests : IAsyncLifetime
{
    private const int ChunkBytes = 64 << 10;
    private readonly string _directory = Directory.CreateTempSubdirectory("sweeps-datasets-").FullName;
    private SweepStore _store = null!;
    private InProcessTestCluster _cluster = null!;

    private string DataRoot => Path.Combine(_directory, "data");
    private WorkerCache Cache => new(Path.Combine(_directory, "cache"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataRoot);
        _store = SweepStore.Open(Path.Combine(_directory, "sweeps.db"));
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSweeps(new CoordinatorRole(_store, CoordinatorOptions.ForSlots(1)) { DataRoot = DataRoot }, worker: null));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task A_dataset_of_several_chunks_arrives_whole_in_the_cache_and_is_reused_without_the_coordinator()
    {
        var job = await DatasetJobAsync("large", lines: 40_000);
        var files = new CountingFiles(new GrainCoordinatorFiles(_cluster.Client));

        var path = await Fetcher(files).FetchAsync(job, CancellationToken.None);

        Assert.Equal(Cache.DatasetFile(job.DatasetHash), path);
        Assert.Equal(job.DatasetHash, Sha256Of(path));
        Assert.True(files.DatasetReads > 3, $"{files.DatasetReads} chunk(s) for {new FileInfo(path).Length} bytes");
        File.Delete(Path.Combine(DataRoot, "large.txt"));
        Assert.Equal(path, await Fetcher(files).FetchAsync(job, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Cache.Datasets, ".*"));
    }

    [Fact]
    public async Task A_dataset_changed_after_its_jobs_were_made_is_refused_and_nothing_of_it_is_quoted()
    {
        var job = await DatasetJobAsync("shop", lines: 50);
        await File.AppendAllTextAsync(Path.Combine(DataRoot, "shop.txt"), "9999 8888 7777\n");

        var error = await Assert.ThrowsAsync<BadJobDataException>(() => Fetcher(new GrainCoordinatorFiles(_cluster.Client)).FetchAsync(job, CancellationToken.None));

        Assert.Contains("coordinator refused it", error.Message);
        Assert.Contains("changed or was removed after the sweep was submitted", error.Message);
        Assert.DoesNotContain("9999 8888", error.Message);
        Assert.False(File.Exists(Cache.DatasetFile(job.DatasetHash)));
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("../secret")]
    [InlineData("/etc/passwd")]
    public async Task A_file_outside_the_data_root_is_never_served_whatever_its_name(string name)
    {
        var secret = Path.Combine(_directory, "secret.txt");
        await File.WriteAllTextAsync(secret, "api_key=s3cr3t-value\n");
        var grain = _cluster.Client.GetGrain<ICoordinatorFilesGrain>(ICoordinatorFilesGrain.Key);

        var chunk = await grain.ReadDataset(name, Sha256Of(secret), 0, ChunkBytes);

        Assert.Empty(chunk.Data);
        Assert.NotNull(chunk.Refusal);
        Assert.DoesNotContain("s3cr3t", chunk.Refusal);
    }

    [Fact]
    public async Task Two_slots_needing_the_same_dataset_transfer_it_once()
    {
        var job = await DatasetJobAsync("shared", lines: 5_000);
        var files = new CountingFiles(new GrainCoordinatorFiles(_cluster.Client)) { FirstRead = new TaskCompletionSource() };
        var fetcher = Fetcher(files);

        var first = fetcher.FetchAsync(job, CancellationToken.None);
        var second = fetcher.FetchAsync(job, CancellationToken.None);
        files.FirstRead.SetResult();

        Assert.Equal(await first, await second);
        Assert.Equal(1, files.FirstChunkReads);
        Assert.Equal(job.DatasetHash, Sha256Of(await first));
    }

    [Fact]
    public async Task A_copy_that_does_not_match_the_hash_is_deleted_and_the_job_fails_on_bad_data()
    {
        var job = await DatasetJobAsync("flipped", lines: 2_000);
        var files = new CountingFiles(new GrainCoordinatorFiles(_cluster.Client)) { Corrupt = true };

        var error = await Assert.ThrowsAsync<BadJobDataException>(() => Fetcher(files).FetchAsync(job, CancellationToken.None));

        Assert.Contains($"not the job's {job.DatasetHash[..12]}", error.Message);
        Assert.Contains("deleted", error.Message);
        Assert.Empty(Directory.GetFiles(Cache.Datasets, "*", SearchOption.AllDirectories));
    }

    private DatasetFetcher Fetcher(ICoordinatorFiles files) => new(files, Cache, TransferOptions.Default with { ChunkBytes = ChunkBytes });

    /// <summary>A user-sequence file in the data root and a job naming it by name and hash, as a submission makes it.</summary>
    private async Task<JobSpec> DatasetJobAsync(string name, int lines)
    {
        var path = Path.Combine(DataRoot, name + ".txt");
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, lines).Select(u => $"{u} {u % 97 + 1} {u % 89 + 1} {u % 83 + 1} {u % 79 + 1}"));
        return new JobSpec(name, Sha256Of(path), "sasrec", ImmutableSortedDictionary<string, HyperValue>.Empty, 1);
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The real link to the coordinator, counting dataset reads; it can hold the first read
    /// until released, and flip a byte of every chunk.</summary>
    private sealed class CountingFiles(ICoordinatorFiles inner) : ICoordinatorFiles
    {
        private int _datasetReads;
        private int _firstChunkReads;

        public TaskCompletionSource? FirstRead { get; init; }
        public bool Corrupt { get; init; }
        public int DatasetReads => _datasetReads;
        public int FirstChunkReads => _firstChunkReads;

        public async Task<FileChunk> ReadDatasetAsync(string name, string sha256, long offset, int length, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _datasetReads);
            if (offset == 0 && Interlocked.Increment(ref _firstChunkReads) == 1 && FirstRead is { } gate) await gate.Task;
            var chunk = await inner.ReadDatasetAsync(name, sha256, offset, length, cancellationToken);
            if (!Corrupt || chunk.Data.Length == 0) return chunk;
            var data = chunk.Data.ToArray();
            data[0] ^= 0x20;
            return chunk with { Data = data };
        }

        public Task<StoredCheckpoint?> DescribeCheckpointAsync(string jobId, CancellationToken cancellationToken) => inner.DescribeCheckpointAsync(jobId, cancellationToken);
        public Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length, CancellationToken cancellationToken) => inner.ReadCheckpointAsync(jobId, file, offset, length, cancellationToken);
        public Task<bool> BeginUploadAsync(Upload upload, CancellationToken cancellationToken) => inner.BeginUploadAsync(upload, cancellationToken);
        public Task<bool> WriteUploadAsync(Upload upload, string file, long offset, byte[] data, CancellationToken cancellationToken) => inner.WriteUploadAsync(upload, file, offset, data, cancellationToken);
        public Task<string?> CommitUploadAsync(Upload upload, IReadOnlyList<FileEntry> files, CancellationToken cancellationToken) => inner.CommitUploadAsync(upload, files, cancellationToken);
        public Task DiscardCheckpointAsync(string jobId, string attemptToken, CancellationToken cancellationToken) => inner.DiscardCheckpointAsync(jobId, attemptToken, cancellationToken);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _store.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
