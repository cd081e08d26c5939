namespace Sweeps.Contracts.Sweeps;

/// <summary>Thrown when a sweep file has any error. Carries every error found, not just the first,
/// so a user fixes a file in one round trip.</summary>
public sealed class SweepValidationException : Exception
{
    public SweepValidationException(IReadOnlyList<SweepError> errors)
        : base(Describe(errors)) => Errors = errors;

    public IReadOnlyList<SweepError> Errors { get; }

    public override string ToString() => string.Join(Environment.NewLine, Errors);

    private static string Describe(IReadOnlyList<SweepError> errors) =>
        $"{errors.Count} error(s) in sweep file:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
