using System.Security.Cryptography;
using Sweeps.Contracts.Jobs;
using Sweeps.Worker.Execution;
using Sweeps.Worker.Executors;
using Sweeps.Worker.Transfer;

namespace Sweeps.Worker.Tests;

/// <summary>The worker's side of uploads around an executor: checkpoints reach the coordinator (the one
/// a draining executor writes after its last report too), kept weights are there before the result
/// returns, and nothing of a superseded attempt is stored.</summary>
public sealed class TransferringExecutorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sweeps-transferring-").FullName;
    private readonly MemoryCoordinator _coordinator = new();

    [Fact]
    public async Task A_drained_executors_last_checkpoint_written_after_its_last_report_reaches_the_coordinator()
    {
        var job = NoopExecutorTests.Job(1);
        using var draining = new CancellationTokenSource();
        var executor = Wrap(new DrainedAfterSecondEpoch(draining));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executor.ExecuteAsync(job, Context(job) with { Draining = draining.Token }, CancellationToken.None));

        var stored = _coordinator.Checkpoints[job.Id];
        Assert.Equal(2, stored.Epoch);
        Assert.Equal("2", System.Text.Encoding.UTF8.GetString(stored.Files["state.txt"]));
        Assert.Equal(2, CheckpointMarker.Read(Path.Combine(_root, job.Id))!.Epoch);
    }

    [Fact]
    public async Task Kept_weights_are_at_the_coordinator_when_the_result_returns_and_the_local_copy_is_gone()
    {
        var job = NoopExecutorTests.Job(2, ("epochs", 2), ("noop_sleep_ms", 20));
        var weights = Path.Combine(_root, "weights", job.Id + ".swt");

        var result = await Wrap(new NoopSavingWeights()).ExecuteAsync(job, Context(job) with { WeightsFile = weights }, CancellationToken.None);

        Assert.Equal(job.Id, result.JobId);
        Assert.Equal(NoopSavingWeights.Bytes, _coordinator.Weights[job.Id]);
        Assert.False(File.Exists(weights));
    }

    [Fact]
    public async Task A_superseded_attempt_stores_nothing_and_its_weights_are_refused()
    {
        var job = NoopExecutorTests.Job(3, ("epochs", 2), ("noop_sleep_ms", 20));
        _coordinator.CurrentToken = "another attempt";
        var weights = Path.Combine(_root, "weights", job.Id + ".swt");

        var error = await Assert.ThrowsAsync<Contracts.Failures.TransientJobFailure>(() =>
            Wrap(new NoopSavingWeights()).ExecuteAsync(job, Context(job) with { WeightsFile = weights }, CancellationToken.None));

        Assert.Contains("no longer the job's current one", error.Message);
        Assert.Empty(_coordinator.Checkpoints);
        Assert.Empty(_coordinator.Weights);
    }

    private TransferringExecutor Wrap(IJobExecutor inner) =>
        new(inner, _coordinator, new DatasetFetcher(_coordinator, new WorkerCache(_root)), TransferOptions.Default with { ChunkBytes = 7, RetryDelay = TimeSpan.FromMilliseconds(1) });

    private JobExecutionContext Context(JobSpec job) =>
        new(Path.Combine(_root, job.Id), new Progress<JobProgress>(), 1, "test") { AttemptToken = "this attempt" };

    /// <summary>Checkpoints and reports epoch 1 (an evaluation), reports epoch 2, and, asked to drain,
    /// checkpoints epoch 2 and stops, as the trainer does.</summary>
    private sealed class DrainedAfterSecondEpoch(CancellationTokenSource draining) : IJobExecutor
    {
        public async Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(context.CheckpointDirectory);
            await File.WriteAllTextAsync(Path.Combine(context.CheckpointDirectory, "state.txt"), "1", cancellationToken);
            context.Progress.Report(new JobProgress(1, 3, 1.0, 0.1));
            await draining.CancelAsync();
            context.Progress.Report(new JobProgress(2, 3, 0.5, null));
            await File.WriteAllTextAsync(Path.Combine(context.CheckpointDirectory, "state.txt"), "2", cancellationToken);
            context.Draining.ThrowIfCancellationRequested();
            throw new InvalidOperationException("not drained");
        }
    }

    /// <summary>The noop executor, saving a weights file as a trainer of a sweep that keeps them does.</summary>
    private sealed class NoopSavingWeights : IJobExecutor
    {
        public static readonly byte[] Bytes = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

        public async Task<RunResult> ExecuteAsync(JobSpec job, JobExecutionContext context, CancellationToken cancellationToken)
        {
            var result = await new NoopExecutor().ExecuteAsync(job, context, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(context.WeightsFile)!);
            await File.WriteAllBytesAsync(context.WeightsFile!, Bytes, cancellationToken);
            return result;
        }
    }

    /// <summary>A coordinator keeping uploads in memory, checking each chunk's offset and each file's
    /// hash, and taking them only from <see cref="CurrentToken"/>.</summary>
    private sealed class MemoryCoordinator : ICoordinatorFiles
    {
        private readonly Dictionary<(string, UploadKind), Dictionary<string, MemoryStream>> _staged = [];

        public string CurrentToken { get; set; } = "this attempt";
        public Dictionary<string, (int Epoch, Dictionary<string, byte[]> Files)> Checkpoints { get; } = [];
        public Dictionary<string, byte[]> Weights { get; } = [];

        public Task<bool> BeginUploadAsync(Upload upload, CancellationToken cancellationToken)
        {
            if (upload.AttemptToken != CurrentToken) return Task.FromResult(false);
            lock (_staged) _staged[(upload.JobId, upload.Kind)] = [];
            return Task.FromResult(true);
        }

        public Task<bool> WriteUploadAsync(Upload upload, string file, long offset, byte[] data, CancellationToken cancellationToken)
        {
            lock (_staged)
            {
                var files = _staged[(upload.JobId, upload.Kind)];
                var stream = files.TryGetValue(file, out var s) ? s : files[file] = new MemoryStream();
                if (stream.Length != offset) return Task.FromResult(false);
                stream.Write(data);
                return Task.FromResult(true);
            }
        }

        public Task<string?> CommitUploadAsync(Upload upload, IReadOnlyList<FileEntry> files, CancellationToken cancellationToken)
        {
            lock (_staged)
            {
                var staged = _staged[(upload.JobId, upload.Kind)].ToDictionary(f => f.Key, f => f.Value.ToArray());
                if (files.Any(f => !staged.TryGetValue(f.Name, out var bytes) || Convert.ToHexStringLower(SHA256.HashData(bytes)) != f.Sha256))
                    return Task.FromResult<string?>("damaged");
                if (upload.Kind == UploadKind.Weights) Weights[upload.JobId] = staged.Single().Value;
                else Checkpoints[upload.JobId] = (upload.Epoch, staged);
                return Task.FromResult<string?>(null);
            }
        }

        public Task<StoredCheckpoint?> DescribeCheckpointAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult<StoredCheckpoint?>(null);
        public Task<FileChunk> ReadCheckpointAsync(string jobId, string file, long offset, int length, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<FileChunk> ReadDatasetAsync(string name, string sha256, long offset, int length, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DiscardCheckpointAsync(string jobId, string attemptToken, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
