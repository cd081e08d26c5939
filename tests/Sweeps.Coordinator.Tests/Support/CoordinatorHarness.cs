using Sweeps.Contracts.Failures;
using Sweeps.Contracts.Attempts;
using Sweeps.Coordinator.Dispatch;
using Sweeps.Coordinator.Submission;

namespace Sweeps.Coordinator.Tests.Support;

/// <summary>A coordinator with a scripted worker leasing from it, on a temporary store.</summary>
internal sealed class CoordinatorHarness : IAsyncDisposable
{
    private readonly TempStore _temp = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;

    public CoordinatorHarness(Func<JobMessage, FailureKind?>? script = null, int maxAttempts = 3)
    {
        Coordinator = new SweepCoordinator(_temp.Store,
            new CoordinatorOptions(4, new RetryOptions(maxAttempts, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), TimeProvider.System));
        Worker = new ScriptedWorker(Coordinator, script ?? (_ => null));
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
        await _temp.DisposeAsync();
    }
}
