namespace Sweeps.Coordinator.Submission;

/// <summary>Turns a sweep file's text into a submission (parse, validate, expand). The coordinator
/// takes it as a dependency because resolving datasets needs the file system of the host.</summary>
public interface ISweepReader
{
    /// <exception cref="SweepRejectedException">The text is not a valid sweep.</exception>
    SweepSubmission Read(string sourceText, string? fallbackName = null);
}

public class SweepRejectedException(string message, Exception? inner = null) : Exception(message, inner);
