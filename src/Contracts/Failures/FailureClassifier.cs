namespace Sweeps.Contracts.Failures;

/// <summary>The one place that decides whether an exception is worth a retry. Anything not known to
/// be deterministic is treated as transient: the attempt limit bounds the cost of guessing wrong,
/// while wrongly calling a fault deterministic would lose a run that could have succeeded.</summary>
public static class FailureClassifier
{
    public static FailureKind Classify(Exception exception, CancellationToken stopping = default) => exception switch
    {
        OperationCanceledException when stopping.IsCancellationRequested => FailureKind.Interrupted,
        DeterministicJobFailure => FailureKind.Deterministic,
        TransientJobFailure => FailureKind.Transient,
        // The tensor binding raises an OutOfMemoryException for a device allocation that failed.
        OutOfMemoryException => FailureKind.OutOfMemory,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Classify(aggregate.InnerExceptions[0], stopping),
        InvalidDataException or FormatException or ArgumentException or NotSupportedException => FailureKind.Deterministic,
        _ => FailureKind.Transient,
    };
}
