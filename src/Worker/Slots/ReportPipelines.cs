using Polly;
using Polly.Retry;

namespace Sweeps.Worker.Slots;

/// <summary>How reports to the coordinator are retried, declared once. A start or a progress report
/// is retried a few times and then given up (the next one will carry the news); an outcome is retried
/// until the coordinator acknowledges it, because it is the only copy of hours of training.</summary>
public static class ReportPipelines
{
    public static ResiliencePipeline<bool> Progress(TimeSpan firstDelay) => Build(maxRetries: 4, firstDelay, TimeSpan.FromSeconds(5));

    public static ResiliencePipeline<bool> Outcome(TimeSpan firstDelay) => Build(int.MaxValue, firstDelay, TimeSpan.FromSeconds(15));

    private static ResiliencePipeline<bool> Build(int maxRetries, TimeSpan firstDelay, TimeSpan longestDelay) =>
        new ResiliencePipelineBuilder<bool>()
            .AddRetry(new RetryStrategyOptions<bool>
            {
                // Any failure to get an answer (a timeout, a lost connection, a coordinator restarting).
                ShouldHandle = new PredicateBuilder<bool>().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = firstDelay,
                MaxDelay = longestDelay,
                UseJitter = true,
            })
            .Build();
}
