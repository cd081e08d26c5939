namespace Sweeps.Contracts.Failures;

/// <summary>A failure that will repeat on every attempt; the job is dead-lettered without a retry.</summary>
public class DeterministicJobFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The job's configuration cannot be run (unknown model, out-of-range hyperparameter).</summary>
public sealed class InvalidJobConfigException(string message) : DeterministicJobFailure(message);

/// <summary>The dataset is malformed or does not match the hash the job names.</summary>
public sealed class BadJobDataException(string message, Exception? inner = null) : DeterministicJobFailure(message, inner);

/// <summary>Training diverged: the loss became NaN or infinite.</summary>
public sealed class NonFiniteLossException(int epoch, double loss)
    : DeterministicJobFailure($"loss became {loss} at epoch {epoch}");

/// <summary>A failure known to be worth retrying even though its exception type alone would not say so.</summary>
public sealed class TransientJobFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A job's checkpoint cannot be read (truncated, damaged, from an incompatible build): the
/// worker deletes it and the job's next attempt starts from scratch.</summary>
public sealed class UnreadableCheckpointException(string message, Exception? inner = null) : Exception(message, inner);
