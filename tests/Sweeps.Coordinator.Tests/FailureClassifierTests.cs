using Sweeps.Contracts.Failures;
using Sweeps.Coordinator.Dispatch;

namespace Sweeps.Coordinator.Tests;

public sealed class FailureClassifierTests
{
    public static TheoryData<Exception, FailureKind> Cases => new()
    {
        { new IOException("disk hiccup"), FailureKind.Transient },
        { new TimeoutException(), FailureKind.Transient },
        { new TransientJobFailure("broker gone"), FailureKind.Transient },
        { new NonFiniteLossException(3, double.NaN), FailureKind.Deterministic },
        { new BadJobDataException("hash mismatch"), FailureKind.Deterministic },
        { new InvalidJobConfigException("k > maxlen"), FailureKind.Deterministic },
        { new InvalidDataException("bad line 7"), FailureKind.Deterministic },
        { new AggregateException(new NonFiniteLossException(1, double.PositiveInfinity)), FailureKind.Deterministic },
        { new InsufficientMemoryException("CUDA out of memory"), FailureKind.OutOfMemory },
        { new AggregateException(new InsufficientMemoryException("CUDA out of memory")), FailureKind.OutOfMemory },
    };

    [Theory]
    [InlineData(FailureKind.Transient, true)]
    [InlineData(FailureKind.OutOfMemory, true)]
    [InlineData(FailureKind.Deterministic, false)]
    [InlineData(FailureKind.Interrupted, false)]
    public void Transient_and_out_of_memory_failures_are_retried(FailureKind kind, bool retried) =>
        Assert.Equal(retried, kind.IsRetried());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_by_exception(Exception exception, FailureKind expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(exception));

    [Fact]
    public void Cancellation_is_an_interruption_only_when_stopping()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();
        Assert.Equal(FailureKind.Interrupted, FailureClassifier.Classify(new OperationCanceledException(), stopping.Token));
        // A timeout inside the job also surfaces as a cancellation, but nobody asked it to stop.
        Assert.Equal(FailureKind.Transient, FailureClassifier.Classify(new TaskCanceledException(), CancellationToken.None));
    }

    [Theory]
    [InlineData(true, 1, 3, true)]
    [InlineData(true, 2, 3, true)]
    [InlineData(true, 3, 3, false)]
    [InlineData(false, 1, 3, false)]
    public void Retries_transient_failures_until_the_attempt_limit(bool retryable, int attempt, int max, bool expected) =>
        Assert.Equal(expected, JobRetryPipeline.ShouldRetry(new AttemptFailedException("j", attempt, retryable, "e"), new RetryOptions(max)));
}
