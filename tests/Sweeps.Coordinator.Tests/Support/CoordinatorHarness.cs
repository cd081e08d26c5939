using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Contracts.Queue.InProcess;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator.Tests.Support;

/// <summary>A coordinator over an in-process transport with a scripted worker, on a temporary store.</summary>
internal sealed class CoordinatorHarness : IAsyncDisposable
{
    private readonly TempStore _temp = new();
    private readonly InProcessTransport _transport = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;

    public CoordinatorHarness(Func<JobMessage, FailureKind?>? script = null, int maxAttempts = 3)
    {
        Worker = new ScriptedWorker(_transport, script ?? (_ => null));
        Coordinator = new SweepCoordinator(_temp.Store, _transport,
            new CoordinatorOptions(4, new RetryOptions(maxAttempts, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), TimeProvider.System));
        _worker = Task.Run(() => Worker.RunAsync(_stopping.Token));
    }

    public SweepCoordinator Coordinator { get; }
    public ScriptedWorker Worker { get; }
    public Store.SweepStore Store => _temp.Store;

    public Task StartAsync() => Coordinator.StartAsync();

    public async Task<SubmitOutcome> RunAsync(SweepSubmission submission)
    {
        var outcome = await Coordinator.SubmitAsync(submission);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Coordinator.WaitForSweepAsync(submission.Name, timeout.Token);
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        await Coordinator.DisposeAsync();
        await _stopping.CancelAsync();
        await _worker;
        await _transport.DisposeAsync();
        await _temp.DisposeAsync();
    }
}
