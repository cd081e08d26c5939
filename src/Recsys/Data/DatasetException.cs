namespace Sweeps.Recsys.Data;

/// <summary>A dataset that cannot be used: empty, nothing left after filtering, or inconsistent.
/// The message is meant for the person running the command, so it never needs a stack trace.</summary>
public class DatasetException : Exception
{
    public DatasetException(string message) : base(message) { }

    public DatasetException(string message, Exception inner) : base(message, inner) { }
}
