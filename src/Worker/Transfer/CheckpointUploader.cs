using System.Threading.Channels;
using Sweeps.Contracts.Jobs;

namespace Sweeps.Worker.Transfer;

/// <summary>The executor's progress on a cluster worker: forwards each report, and when the job's
/// checkpoint directory changed since the last one, copies it (on the executor's thread, right after
/// the executor wrote it, so the copy is consistent) and sends the copy to the coordinator in the
/// background. Only the newest copy waits while one is being sent. Uploads that fail are left to the
/// next evaluation; one the coordinator calls stale ends this attempt's uploads.</summary>
internal sealed class CheckpointUploader : IProgress<JobProgress>
{
    private readonly ICoordinatorFiles _coordinator;
    private readonly Upload _attempt;
    private readonly string _directory;
    private readonly IProgress<JobProgress> _inner;
    private readonly TransferOptions _options;
    private readonly Channel<Snapshot> _snapshots;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _sending;
    private string? _lastFingerprint;
    private int _lastEpoch;

    public CheckpointUploader(ICoordinatorFiles coordinator, string jobId, string attemptToken, string directory, IProgress<JobProgress> inner, TransferOptions options)
    {
        (_coordinator, _directory, _inner, _options) = (coordinator, directory, inner, options);
        _attempt = new Upload(jobId, attemptToken, UploadKind.Checkpoint, 0);
        _snapshots = Channel.CreateBounded<Snapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => Delete(dropped.Directory));
        _sending = Task.Run(SendAsync);
    }

    public void Report(JobProgress value)
    {
        _inner.Report(value);
        _lastEpoch = value.Epoch;
        TrySnapshot();
    }

    /// <summary>After a failure or an interruption: sends the newest copy, so the job's next attempt,
    /// wherever it runs, resumes from it.</summary>
    /// <param name="drained">The executor stopped cleanly after checkpointing the epoch it last
    /// reported (a draining worker): that checkpoint is copied and sent too.</param>
    public async Task FinishAsync(bool drained)
    {
        // Whether or not the directory looks changed: two writes within one clock tick share a time stamp.
        if (drained) TrySnapshot(always: true);
        _snapshots.Writer.TryComplete();
        await _sending.ConfigureAwait(false);
    }

    /// <summary>After success: the checkpoint is no longer needed; what is queued is dropped.</summary>
    public async Task AbandonAsync()
    {
        _snapshots.Writer.TryComplete();
        await _abandon.CancelAsync().ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
    }

    private void TrySnapshot(bool always = false)
    {
        try
        {
            TakeSnapshot(_lastEpoch, always);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next evaluation's checkpoint is copied again.
        }
    }

    private void TakeSnapshot(int epoch, bool always)
    {
        if (!Directory.Exists(_directory)) return;
        var files = new DirectoryInfo(_directory).GetFiles().Where(f => TransferNames.IsPlain(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var fingerprint = string.Join('\n', files.Select(f => $"{f.Name} {f.Length} {f.LastWriteTimeUtc.Ticks}"));
        if (files.Count == 0 || (fingerprint == _lastFingerprint && !always)) return;
        var snapshot = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_directory))!, $".{_attempt.JobId}.{Guid.NewGuid():N}.outgoing");
        Directory.CreateDirectory(snapshot);
        foreach (var file in files) file.CopyTo(Path.Combine(snapshot, file.Name));
        _lastFingerprint = fingerprint;
        if (!_snapshots.Writer.TryWrite(new Snapshot(snapshot, epoch))) Delete(snapshot);
    }

    private async Task SendAsync()
    {
        var abandon = _abandon.Token;
        // Every failure is caught: the next evaluation's copy is sent instead.
        await foreach (var snapshot in _snapshots.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                if (!abandon.IsCancellationRequested && !await SendOneAsync(snapshot, abandon).ConfigureAwait(false))
                {
                    // Refused: later copies are not taken (TakeSnapshot deletes them).
                    _snapshots.Writer.TryComplete();
                    break;
                }
            }
            catch (Exception)
            {
                // An unreachable coordinator, a file gone, the attempt abandoned.
            }
            finally
            {
                Delete(snapshot.Directory);
            }
        }
        // Whatever was queued before this attempt's uploads were refused.
        while (_snapshots.Reader.TryRead(out var left)) Delete(left.Directory);
    }

    /// <returns>False when the coordinator no longer takes this attempt's checkpoints; a copy it did
    /// not store for another reason (a chunk lost) is left to the next evaluation.</returns>
    private async Task<bool> SendOneAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var upload = _attempt with { Epoch = snapshot.Epoch };
        var files = Directory.GetFiles(snapshot.Directory).Order(StringComparer.Ordinal).Select(Chunks.Describe).ToList();
        if (!await _coordinator.BeginUploadAsync(upload, cancellationToken).ConfigureAwait(false)) return false;
        foreach (var file in files)
        {
            var taken = await Chunks.UploadAsync(Path.Combine(snapshot.Directory, file.Name), _options.ChunkBytes,
                (offset, data, ct) => _coordinator.WriteUploadAsync(upload, file.Name, offset, data, ct), cancellationToken).ConfigureAwait(false);
            if (!taken) return true;
        }
        if (await _coordinator.CommitUploadAsync(upload, files, cancellationToken).ConfigureAwait(false) is not null) return true;
        // The job's own directory may have moved on since the copy; the marker is a lower bound.
        if (Directory.Exists(_directory)) new CheckpointMarker(snapshot.Epoch, files).Write(_directory);
        return true;
    }

    private static void Delete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (DirectoryNotFoundException) { /* already gone */ }
    }

    private sealed record Snapshot(string Directory, int Epoch);
}
