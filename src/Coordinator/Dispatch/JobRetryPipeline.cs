using Polly;
using Polly.Retry;

namespace Sweeps.Coordinator.Dispatch;

/// <summary>The job retry policy, declared once: retry an attempt that failed transiently, with
/// exponential backoff, until the attempt limit; anything else passes through to the caller.</summary>
public static class JobRetryPipeline
{
    public static ResiliencePipeline Build(RetryOptions options, Func<AttemptFailedException, ValueTask> beforeRetry) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AttemptFailedException>(f => ShouldRetry(f, options)),
                // The limit is the job's attempt count, which survives restarts, not this pipeline's own count.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.FirstDelay,
                MaxDelay = options.LongestDelay,
                UseJitter = true,
                OnRetry = args => beforeRetry((AttemptFailedException)args.Outcome.Exception!),
            })
            .Build();

    public static bool ShouldRetry(AttemptFailedException failure, RetryOptions options) =>
        failure.Retryable && failure.Attempt < options.MaxAttempts;
}
